package dev.jsctx.pool.graal;

import dev.jsctx.pool.UnsupportedValueException;
import dev.jsctx.pool.spi.JsonRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Converts JSON-P values into JavaScript values of one context and back, by walking them: no JSON text in between.
 *
 * <p>Into JavaScript: strings, booleans and null become primitives; integral numbers within ±2^53 become exact
 * numbers, other numbers the nearest double; arrays and objects are built with the context's own
 * {@code Array} and {@code Object} constructors, captured before any script ran.
 *
 * <p>Out of JavaScript: {@code null} and {@code undefined} become {@link JsonValue#NULL}; numbers that are
 * integers within ±2^53 become integral JSON numbers, other numbers their double ({@code -0} becomes {@code 0}),
 * BigInts beyond ±2^53 exact integral numbers; {@code NaN} and the infinities {@link JsonValue#NULL}, as in
 * {@code JSON.stringify} (the number rules are {@link JsonRules#number(double)}, shared by every engine); {@code Date}s their ISO-8601 text;
 * arrays (holes as null) and objects with their own enumerable string keys. Functions, symbols, cycles, nesting
 * deeper than {@value #MAX_DEPTH} levels and more than {@value #MAX_NODES} values fail with
 * {@link UnsupportedValueException}; the same limits hold for arguments.
 */
final class JsonBridge {
    /** The deepest nesting of arrays and objects, the same for every engine. */
    static final int MAX_DEPTH = JsonRules.MAX_DEPTH;
    /** The most values in one argument or result, the same for every engine. */
    static final int MAX_NODES = JsonRules.MAX_NODES;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final Value arrayConstructor;
    private final Value objectConstructor;

    /**
     * @param globals the context's global bindings, before any user script ran
     */
    JsonBridge(Value globals) {
        this.arrayConstructor = globals.getMember("Array");
        this.objectConstructor = globals.getMember("Object");
    }

    /**
     * @return the arguments as values the context accepts
     * @throws UnsupportedValueException if an argument is too deep or too large
     */
    Object[] toGuest(List<JsonValue> args) {
        Object[] guest = new Object[args.size()];
        int[] nodes = {0};
        for (int i = 0; i < guest.length; i++) {
            guest[i] = toGuest(args.get(i), 0, nodes, i);
        }
        return guest;
    }

    private Object toGuest(JsonValue value, int depth, int[] nodes, int argument) {
        if (++nodes[0] > MAX_NODES) {
            throw new UnsupportedValueException("The arguments hold more than " + MAX_NODES + " values");
        }
        switch (value.getValueType()) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                return toGuestNumber((JsonNumber) value);
            default:
                break;
        }
        if (depth >= MAX_DEPTH) {
            throw new UnsupportedValueException(
                    "Argument " + argument + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof JsonArray array) {
            Value guest = arrayConstructor.newInstance();
            for (int i = 0; i < array.size(); i++) {
                guest.setArrayElement(i, toGuest(array.get(i), depth + 1, nodes, argument));
            }
            return guest;
        }
        Value guest = objectConstructor.newInstance();
        for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
            guest.putMember(member.getKey(), toGuest(member.getValue(), depth + 1, nodes, argument));
        }
        return guest;
    }

    private static Object toGuestNumber(JsonNumber number) {
        if (number.isIntegral()) {
            try {
                long exact = number.longValueExact();
                if (Math.abs(exact) <= MAX_SAFE_INTEGER) {
                    return exact == (int) exact ? Integer.valueOf((int) exact) : Long.valueOf(exact);
                }
            } catch (ArithmeticException beyondLong) {
                // Falls through to the nearest double, like JSON.parse.
            }
        }
        return number.doubleValue();
    }

    /**
     * @return the value as JSON-P
     * @throws UnsupportedValueException if JSON cannot hold it
     */
    static JsonValue toJson(Value value) {
        return new Walk().toJson(value, 0);
    }

    /** One conversion's node count and current path (for telling a cycle from deep nesting). */
    private static final class Walk {
        private final List<Value> path = new ArrayList<>();
        private int nodes;

        JsonValue toJson(Value value, int depth) {
            if (++nodes > MAX_NODES) {
                throw new UnsupportedValueException("The value holds more than " + MAX_NODES + " values");
            }
            if (value.isNull()) {
                return JsonValue.NULL;
            }
            if (value.isBoolean()) {
                return value.asBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            }
            if (value.isString()) {
                return JSON.createValue(value.asString());
            }
            if (value.isNumber()) {
                return number(value);
            }
            if (value.canExecute() || value.canInstantiate()) {
                throw new UnsupportedValueException("A function cannot be converted to JSON: " + describe(value));
            }
            if (value.isInstant()) {
                return JSON.createValue(value.asInstant().toString());
            }
            boolean array = value.hasArrayElements();
            if (!array && !value.hasMembers()) {
                throw new UnsupportedValueException(
                        "A " + typeName(value) + " cannot be converted to JSON: " + describe(value));
            }
            if (depth >= MAX_DEPTH) {
                for (Value outer : path) {
                    if (outer.equals(value)) {
                        throw new UnsupportedValueException("The value contains a cycle");
                    }
                }
                throw new UnsupportedValueException("The value is nested deeper than " + MAX_DEPTH + " levels");
            }
            path.add(value);
            JsonValue json = array ? array(value, depth) : object(value, depth);
            path.remove(path.size() - 1);
            return json;
        }

        private JsonValue array(Value value, int depth) {
            long size = value.getArraySize();
            if (size > MAX_NODES) {
                throw new UnsupportedValueException(
                        "An array of " + size + " elements is more than " + MAX_NODES + " values");
            }
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            for (long i = 0; i < size; i++) {
                builder.add(toJson(value.getArrayElement(i), depth + 1));
            }
            return builder.build();
        }

        private JsonValue object(Value value, int depth) {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            for (String key : value.getMemberKeys()) {
                builder.add(key, toJson(value.getMember(key), depth + 1));
            }
            return builder.build();
        }

        private static JsonValue number(Value value) {
            if (value.fitsInLong()) {
                long exact = value.asLong();
                if (Math.abs(exact) <= MAX_SAFE_INTEGER) {
                    return JSON.createValue(exact);
                }
            }
            if (value.fitsInDouble()) {
                return JsonRules.number(value.asDouble());
            }
            if (value.fitsInBigInteger()) {
                return JSON.createValue(value.asBigInteger());
            }
            throw new UnsupportedValueException("JSON cannot hold the number " + value);
        }

        private static String typeName(Value value) {
            Value meta = value.getMetaObject();
            return meta == null ? "value" : meta.getMetaSimpleName();
        }

        private static String describe(Value value) {
            String text = value.toString();
            return text.length() > 80 ? text.substring(0, 77) + "..." : text;
        }
    }
}
