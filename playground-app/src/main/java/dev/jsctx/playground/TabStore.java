package dev.jsctx.playground;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A tab's key-value store behind {@code kv.get(key)} and {@code kv.set(key, value)}: string keys, JSON values,
 * bounded in bytes (keys and values as UTF-8 JSON text). Its functions run on the tab's runtime thread
 * (synchronous host functions), one call at a time; it outlives a Reset, as a server-side store would.
 */
final class TabStore {
    private final int maxBytes;
    private final Map<String, JsonValue> entries = new HashMap<>();
    private int bytes;

    TabStore(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** {@code kv.get(key)}: the value, or null. */
    synchronized JsonValue get(JsonArray args) {
        return entries.getOrDefault(key(args), JsonValue.NULL);
    }

    /** {@code kv.set(key, value)}: stores the value (null removes it); refused past the byte bound. */
    synchronized JsonValue set(JsonArray args) {
        String key = key(args);
        JsonValue value = args.size() > 1 ? args.get(1) : JsonValue.NULL;
        JsonValue old = entries.get(key);
        int freed = old == null ? 0 : size(key, old);
        int needed = value == JsonValue.NULL ? 0 : size(key, value);
        if (bytes - freed + needed > maxBytes) {
            throw new IllegalArgumentException("kv is full: it holds at most " + maxBytes + " bytes");
        }
        if (value == JsonValue.NULL) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
        bytes += needed - freed;
        return JsonValue.NULL;
    }

    private static String key(JsonArray args) {
        if (args.isEmpty() || args.get(0).getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException("a kv key must be a string");
        }
        return args.getString(0);
    }

    private static int size(String key, JsonValue value) {
        return key.getBytes(StandardCharsets.UTF_8).length + value.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
