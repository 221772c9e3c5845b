package dev.jsctx.liveview;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import org.eclipse.parsson.api.JsonConfig;

/**
 * Parses client messages with explicit limits, so no input, however deep or long its numbers, costs more than
 * its (already bounded) size or escapes as an exception. Thread-safe.
 */
final class ClientMessages {

    /** Parsson's depth limit (it refuses this depth): a message, its payload object, and arrays of strings in it
     * (multi-value fields); a fourth level of nesting is refused. */
    static final int MAX_DEPTH = 4;
    /** Longest number accepted, in characters of its source. */
    static final int MAX_NUMBER_CHARS = 64;
    /** Longest {@code ref} accepted; it is echoed in the reply. */
    static final int MAX_REF_CHARS = 64;

    private static final String VALUES_PROBLEM =
            "event values must be strings, numbers, booleans, null or arrays of strings";

    private static final JsonReaderFactory READERS = RenderedJson.PROVIDER.createReaderFactory(Map.of(
            JsonConfig.MAX_DEPTH, MAX_DEPTH,
            JsonConfig.MAX_BIGDECIMAL_LEN, MAX_NUMBER_CHARS,
            JsonConfig.MAX_BIGINTEGER_SCALE, MAX_NUMBER_CHARS,
            jakarta.json.JsonConfig.KEY_STRATEGY, jakarta.json.JsonConfig.KeyStrategy.NONE));

    private ClientMessages() {}

    /** A message that is not one JSON object within the limits. */
    static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parse one message.
     *
     * @param text the message text, at most {@code max-frame-bytes}
     * @return the message object
     * @throws MalformedMessageException if it is not one JSON object within the limits (why, for the log only)
     */
    static JsonObject parse(String text) throws MalformedMessageException {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            // Parsson throws JsonException, IllegalStateException, UnsupportedOperationException (number too
            // long), NumberFormatException and a bare RuntimeException (nested too deep): all mean malformed.
            throw new MalformedMessageException(e.getClass().getSimpleName());
        }
    }

    /** The string value at {@code key}, or {@code null} if absent or not a string. */
    static String string(JsonObject message, String key) {
        return message.get(key) instanceof JsonString text ? text.getString() : null;
    }

    /** The {@code ref} to echo, or {@code null} if absent, not a string, or too long to echo. */
    static String ref(JsonObject message) {
        String ref = string(message, LiveProtocol.KEY_REF);
        return ref == null || ref.length() > MAX_REF_CHARS ? null : ref;
    }

    /**
     * Why an event payload is refused, or {@code null} if it is fine: an object whose values are strings,
     * numbers, booleans, null, or arrays of strings (a form's multi-value fields), each string at most
     * {@code maxValueChars} long.
     */
    static String payloadProblem(JsonValue payload, int maxValueChars) {
        if (payload.getValueType() != JsonValue.ValueType.OBJECT) {
            return "event payload must be a JSON object";
        }
        for (JsonValue value : payload.asJsonObject().values()) {
            String problem = value instanceof JsonArray array
                    ? arrayProblem(array, maxValueChars)
                    : scalarProblem(value, maxValueChars);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String arrayProblem(JsonArray array, int maxValueChars) {
        for (JsonValue element : array) {
            if (!(element instanceof JsonString)) {
                return VALUES_PROBLEM;
            }
            String problem = scalarProblem(element, maxValueChars);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String scalarProblem(JsonValue value, int maxValueChars) {
        return switch (value.getValueType()) {
            case STRING ->
                ((JsonString) value).getString().length() > maxValueChars
                        ? "event value longer than " + maxValueChars + " characters"
                        : null;
            case OBJECT, ARRAY -> VALUES_PROBLEM;
            default -> null;
        };
    }
}
