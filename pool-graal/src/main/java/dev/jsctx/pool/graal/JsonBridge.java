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
import java.util.Set;
import org.graalvm.polyglot.Value;

/**
 * Converts JSON-P values into JavaScript values of one context and back, by walking them: no JSON text in between.
 * The rules are those of {@link dev.jsctx.pool.JsContext}; the limits, numbers and dates are {@link JsonRules}',
 * shared by every engine.
 *
 * <p>Into JavaScript: strings, booleans and null become primitives; integral numbers within ±2^53 become exact
 * numbers, other numbers the nearest double; arrays and objects are built with the context's own
 * {@code Array} and {@code Object} constructors, captured before any script ran.
 *
 * <p>Out of JavaScript: {@code null} and {@code undefined} become {@link JsonValue#NULL}; numbers follow
 * {@link JsonRules#number(double)}; BigInts become exact integral numbers; {@code Date}s their
 * {@code toISOString()} text; arrays (holes as null) and objects with their own enumerable string keys. Functions,
 * symbols, cycles and values past the limits fail with {@link UnsupportedValueException}.
 */
final class JsonBridge {
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
     * @throws UnsupportedValueException if the arguments are too deep or too large
     */
    Object[] toGuest(List<JsonValue> args) {
        Object[] guest = new Object[args.size()];
        JsonRules.Counter counter = new JsonRules.Counter();
        for (int i = 0; i < guest.length; i++) {
            guest[i] = toGuest(args.get(i), counter);
        }
        return guest;
    }

    private Object toGuest(JsonValue value, JsonRules.Counter counter) {
        counter.value();
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
        counter.enter();
        Value guest;
        if (value instanceof JsonArray array) {
            guest = arrayConstructor.newInstance();
            for (int i = 0; i < array.size(); i++) {
                guest.setArrayElement(i, toGuest(array.get(i), counter));
            }
        } else {
            guest = objectConstructor.newInstance();
            for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                guest.putMember(member.getKey(), toGuest(member.getValue(), counter));
            }
        }
        counter.leave();
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
        return new Walk().toJson(value);
    }

    /** One conversion's count and current path (for telling a cycle from deep nesting). */
    private static final class Walk {
        private final JsonRules.Counter counter = new JsonRules.Counter();
        private final List<Value> path = new ArrayList<>();

        JsonValue toJson(Value value) {
            counter.value();
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
                throw JsonRules.unsupported("a function, " + describe(value));
            }
            if (value.isInstant()) {
                return JsonRules.date(value.asInstant().toEpochMilli());
            }
            boolean array = value.hasArrayElements();
            if (!array && !value.hasMembers()) {
                throw JsonRules.unsupported("a " + typeName(value) + ", " + describe(value));
            }
            enter(value);
            JsonValue json = array ? array(value) : object(value);
            path.removeLast();
            counter.leave();
            return json;
        }

        private void enter(Value value) {
            try {
                counter.enter();
            } catch (UnsupportedValueException tooDeep) {
                for (Value outer : path) { // only now: comparing guest values is not free
                    if (outer.equals(value)) {
                        throw JsonRules.unsupported("a cycle");
                    }
                }
                throw tooDeep;
            }
            path.add(value);
        }

        private JsonValue array(Value value) {
            long size = value.getArraySize();
            if (size > JsonRules.MAX_NODES) {
                throw JsonRules.unsupported("an array of " + size + " elements");
            }
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            for (long i = 0; i < size; i++) {
                builder.add(toJson(value.getArrayElement(i)));
            }
            return builder.build();
        }

        private JsonValue object(Value value) {
            Set<String> keys = value.getMemberKeys();
            if (keys.isEmpty() && "Date".equals(typeName(value))) {
                return JsonValue.NULL; // an invalid Date: not an instant, and JSON.stringify writes null
            }
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            for (String key : keys) {
                builder.add(key, toJson(value.getMember(key)));
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
            // Only an integer beyond ±2^53 pays for the type check: a BigInt stays exact, a Number is its double.
            if (value.fitsInBigInteger() && isBigInt(value)) {
                return JSON.createValue(value.asBigInteger());
            }
            if (value.fitsInDouble()) {
                return JsonRules.number(value.asDouble());
            }
            throw JsonRules.unsupported("the number " + value);
        }

        private static boolean isBigInt(Value value) {
            Value meta = value.getMetaObject();
            return meta != null && "bigint".equalsIgnoreCase(meta.getMetaSimpleName());
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
