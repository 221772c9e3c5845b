package dev.jsctx.pool.rhino;

import static dev.jsctx.pool.spi.JsonRules.unsupported;

import dev.jsctx.pool.spi.JsonRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.Undefined;

/**
 * Converts values between JSON-P and Rhino by walking them, without JSON text, under {@link JsonRules} and the
 * rules of {@link dev.jsctx.pool.JsContext}: arrays (holes as null) and objects by their own enumerable string
 * keys; {@code undefined} as null; a BigInt as its exact integer; a {@code Date} as its ISO text. One instance per
 * conversion.
 */
final class RhinoValues {
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Context cx;
    private final Scriptable scope;
    private final JsonRules.Counter counter = new JsonRules.Counter();
    private final List<Scriptable> path = new ArrayList<>();

    RhinoValues(Context cx, Scriptable scope) {
        this.cx = cx;
        this.scope = scope;
    }

    /**
     * @throws dev.jsctx.pool.UnsupportedValueException for functions, symbols, cycles, or past the limits
     */
    JsonValue toJson(Object value) {
        counter.value();
        return switch (value) {
            case null -> JsonValue.NULL;
            case Undefined u -> JsonValue.NULL;
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case CharSequence s -> JSON.createValue(s.toString());
            case BigInteger b -> JSON.createValue(b);
            case Number n -> JsonRules.number(n.doubleValue());
            case Callable f -> throw unsupported("a function");
            case Symbol s -> throw unsupported("a symbol");
            case Scriptable object -> container(object);
            default -> throw unsupported("a " + value.getClass().getSimpleName());
        };
    }

    private JsonValue container(Scriptable object) {
        if ("Date".equals(object.getClassName())) {
            return JsonRules.date(ScriptRuntime.toNumber(object));
        }
        for (Scriptable ancestor : path) {
            if (ancestor == object) {
                throw unsupported("a cycle");
            }
        }
        counter.enter();
        path.add(object);
        JsonValue json;
        if (object instanceof NativeArray array) {
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            for (int i = 0, n = (int) array.getLength(); i < n; i++) {
                Object element = array.get(i, array);
                builder.add(toJson(element == Scriptable.NOT_FOUND ? null : element));
            }
            json = builder.build();
        } else {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            for (Object id : object.getIds()) {
                Object member = switch (id) {
                    case Integer index -> object.get(index, object);
                    case String name -> object.get(name, object);
                    default -> Scriptable.NOT_FOUND; // symbol keys, which JSON leaves out
                };
                if (member != Scriptable.NOT_FOUND) {
                    builder.add(id.toString(), toJson(member));
                }
            }
            json = builder.build();
        }
        path.removeLast();
        counter.leave();
        return json;
    }

    /**
     * @throws dev.jsctx.pool.UnsupportedValueException past the limits
     */
    Object toJs(JsonValue value) {
        counter.value();
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> ((JsonNumber) value).doubleValue();
            case STRING -> ((JsonString) value).getString();
            case ARRAY -> {
                counter.enter();
                JsonArray array = (JsonArray) value;
                Object[] elements = new Object[array.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = toJs(array.get(i));
                }
                counter.leave();
                yield cx.newArray(scope, elements);
            }
            case OBJECT -> {
                counter.enter();
                Scriptable object = cx.newObject(scope);
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    // setObjectElem stores "0" as the index 0, as JavaScript does.
                    ScriptRuntime.setObjectElem(object, member.getKey(), toJs(member.getValue()), cx);
                }
                counter.leave();
                yield object;
            }
        };
    }
}
