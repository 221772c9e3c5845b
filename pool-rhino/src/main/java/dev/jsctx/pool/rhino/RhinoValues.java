package dev.jsctx.pool.rhino;

import dev.jsctx.pool.UnsupportedValueException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.Undefined;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Converts values between JSON-P and Rhino directly, without JSON text, within the limits every engine keeps:
 * {@value #MAX_DEPTH} levels of nesting and {@value #MAX_NODES} values. One instance per conversion.
 */
final class RhinoValues {
    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 10_000;
    private static final double MAX_SAFE_INTEGER = 9_007_199_254_740_992d; // 2^53
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Context cx;
    private final Scriptable scope;
    private final List<Scriptable> path = new ArrayList<>();
    private int nodes;
    private int depth;

    RhinoValues(Context cx, Scriptable scope) {
        this.cx = cx;
        this.scope = scope;
    }

    /**
     * @throws UnsupportedValueException for functions, symbols, BigInts, NaN, infinities, cycles, or values past
     *                                   the limits
     */
    JsonValue toJson(Object value) {
        count();
        return switch (value) {
            case null -> JsonValue.NULL;
            case Undefined u -> JsonValue.NULL;
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case CharSequence s -> JSON.createValue(s.toString());
            case BigInteger b -> throw unsupported("a BigInt");
            case Number n -> number(n.doubleValue());
            case Callable f -> throw unsupported("a function");
            case Symbol s -> throw unsupported("a symbol");
            case Scriptable object -> container(object);
            default -> throw unsupported("a " + value.getClass().getSimpleName());
        };
    }

    private JsonValue container(Scriptable object) {
        for (Object ancestor : path) {
            if (ancestor == object) {
                throw unsupported("a cycle");
            }
        }
        if (path.size() == MAX_DEPTH) {
            throw unsupported("nesting deeper than " + MAX_DEPTH + " levels");
        }
        path.add(object);
        JsonValue json;
        if (object instanceof NativeArray array) {
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            for (long i = 0, n = array.getLength(); i < n; i++) {
                Object element = array.get((int) i, array);
                builder.add(toJson(element == Scriptable.NOT_FOUND ? null : element));
            }
            json = builder.build();
        } else {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            for (Object id : object.getIds()) {
                Object member = id instanceof Integer index ? object.get(index, object) : id instanceof String name
                        ? object.get(name, object) : Scriptable.NOT_FOUND;
                if (member != Scriptable.NOT_FOUND) {
                    builder.add(id.toString(), toJson(member));
                }
            }
            json = builder.build();
        }
        path.removeLast();
        return json;
    }

    private static JsonValue number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw unsupported("the number " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
            return JSON.createValue((long) d);
        }
        return JSON.createValue(d);
    }

    /**
     * @throws UnsupportedValueException for values past the limits
     */
    Object toJs(JsonValue value) {
        count();
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> ((JsonNumber) value).doubleValue();
            case STRING -> ((JsonString) value).getString();
            case ARRAY -> nested(() -> {
                JsonArray array = (JsonArray) value;
                Object[] elements = new Object[array.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = toJs(array.get(i));
                }
                return cx.newArray(scope, elements);
            });
            case OBJECT -> nested(() -> {
                Scriptable object = cx.newObject(scope);
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    ScriptRuntime.setObjectElem(object, member.getKey(), toJs(member.getValue()), cx);
                }
                return object;
            });
        };
    }

    private Object nested(Supplier<Scriptable> build) {
        if (depth == MAX_DEPTH) {
            throw unsupported("nesting deeper than " + MAX_DEPTH + " levels");
        }
        depth++;
        Scriptable built = build.get();
        depth--;
        return built;
    }

    private void count() {
        if (++nodes > MAX_NODES) {
            throw unsupported("more than " + MAX_NODES + " values");
        }
    }

    private static UnsupportedValueException unsupported(String what) {
        return new UnsupportedValueException("A value cannot cross between JSON and JavaScript: " + what);
    }
}
