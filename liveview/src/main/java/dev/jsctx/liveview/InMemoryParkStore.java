package dev.jsctx.liveview;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** {@link ParkStore#inMemory(Duration, int)}: insertion order, so the oldest states are the first to go. */
final class InMemoryParkStore implements ParkStore {

    private record Parked(JsonValue state, long expiresNanos) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;

    // guarded by this
    private final LinkedHashMap<String, Parked> states = new LinkedHashMap<>();

    InMemoryParkStore(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (ttl.isNegative() || ttl.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("park store needs a positive ttl and size: " + ttl + ", " + maxEntries);
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void park(String tabId, JsonValue state) {
        long now = nanoTime.getAsLong();
        forgetExpired(now);
        states.remove(tabId); // re-inserted at the end: it is the newest now
        states.put(tabId, new Parked(state, now + ttlNanos));
        if (states.size() > maxEntries) {
            Iterator<String> oldest = states.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized Optional<JsonValue> take(String tabId) {
        long now = nanoTime.getAsLong();
        forgetExpired(now);
        Parked parked = states.remove(tabId);
        return parked == null ? Optional.empty() : Optional.of(parked.state());
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Parked>> entries = states.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().expiresNanos() - now <= 0) {
            entries.remove(); // insertion order is expiry order: stop at the first live one
        }
    }

    @Override
    public String toString() {
        return "ParkStore[in memory, ttl " + Duration.ofNanos(ttlNanos) + ", at most " + maxEntries + "]";
    }
}
