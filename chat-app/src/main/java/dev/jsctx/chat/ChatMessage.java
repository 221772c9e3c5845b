package dev.jsctx.chat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One chat message as {@code chat.js} shapes it: an author and its parts, plain text that the page renders
 * through one template per kind of part. Never HTML.
 *
 * <p>{@link #fromJson} checks a message's shape again, on the receiving side: a message may come from another node
 * through the broker, so what arrives is not trusted to be what {@code chat.js} made.
 *
 * @param author the nickname of the tab that sent it
 * @param parts  its text, in order
 */
record ChatMessage(String author, List<Part> parts) {
    /** Generous bounds for what arrives: chat.js allows 24 and 500 characters, a part count is at most that. */
    private static final int MAX_AUTHOR_CHARS = 64;

    private static final int MAX_TEXT_CHARS = 2_000;

    ChatMessage {
        parts = List.copyOf(parts);
    }

    /** How a part looks. */
    enum Kind {
        TEXT,
        BOLD,
        ITALIC,
        LINK
    }

    /**
     * @param kind how it looks
     * @param text what it says
     * @param href where a {@link Kind#LINK} goes (an http or https address), empty for the others
     */
    record Part(Kind kind, String text, String href) {}

    /**
     * Reads a message, as {@code chat.js}'s {@code compose} returns it.
     *
     * @param value the JSON value
     * @return the message
     * @throws IllegalArgumentException if it is not a message of that shape, or a link is not http or https
     */
    static ChatMessage fromJson(JsonValue value) {
        if (!(value instanceof JsonObject object) || !(object.get("parts") instanceof jakarta.json.JsonArray array)) {
            throw new IllegalArgumentException("not a message object with parts");
        }
        String author = string(object, "author");
        if (author.isEmpty() || author.length() > MAX_AUTHOR_CHARS) {
            throw new IllegalArgumentException("author missing or too long");
        }
        List<Part> parts = new ArrayList<>();
        int chars = 0;
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject part)) {
                throw new IllegalArgumentException("a part is not an object");
            }
            Part read = part(part);
            chars += read.text().length();
            parts.add(read);
        }
        if (parts.isEmpty() || chars > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("no text, or too much");
        }
        return new ChatMessage(author, parts);
    }

    private static Part part(JsonObject part) {
        String text = string(part, "text");
        Kind kind = switch (string(part, "type")) {
            case "text" -> Kind.TEXT;
            case "bold" -> Kind.BOLD;
            case "italic" -> Kind.ITALIC;
            case "link" -> Kind.LINK;
            default -> throw new IllegalArgumentException("unknown part type");
        };
        if (kind != Kind.LINK) {
            return new Part(kind, text, "");
        }
        String href = string(part, "href");
        if (!href.startsWith("https://") && !href.startsWith("http://")) {
            throw new IllegalArgumentException("a link that is not http or https");
        }
        return new Part(kind, text, href);
    }

    private static String string(JsonObject object, String key) {
        if (!(object.get(key) instanceof JsonString string)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a string");
        }
        return string.getString();
    }

    /**
     * @return the message as {@link #fromJson} reads it
     */
    JsonObject toJson() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Part part : parts) {
            var builder = Json.createObjectBuilder()
                    .add("type", part.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .add("text", part.text());
            if (part.kind() == Kind.LINK) {
                builder.add("href", part.href());
            }
            array.add(builder);
        }
        return Json.createObjectBuilder()
                .add("author", author)
                .add("parts", array)
                .build();
    }
}
