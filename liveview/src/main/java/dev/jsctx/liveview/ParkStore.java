package dev.jsctx.liveview;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the state of views that ended while their tab may come back ({@link LiveView#park()}), keyed by the
 * tab's id from its join token, until the tab joins again ({@link LiveView#resume}) or the state expires. The
 * default keeps it in this JVM's memory; {@code liveview-redis} has one on Redis, so a tab can resume on any node.
 *
 * <p>Implementations are thread-safe. Their methods may block briefly, and may throw an unchecked exception
 * when the store cannot be reached: the caller logs it (at most once per interval) and goes on without it.
 */
public interface ParkStore {

    /**
     * A store in this JVM's heap, for one node: states are kept for {@code ttl}, at most {@code maxEntries}
     * at a time (the oldest go first).
     *
     * @param ttl        how long a parked state is kept
     * @param maxEntries how many states are kept at most
     * @return the store
     */
    static ParkStore inMemory(Duration ttl, int maxEntries) {
        return new InMemoryParkStore(ttl, maxEntries, System::nanoTime);
    }

    /**
     * {@link #inMemory(Duration, int)} for 10 minutes and 10,000 states.
     *
     * @return the store
     */
    static ParkStore inMemory() {
        return inMemory(Duration.ofMinutes(10), 10_000);
    }

    /**
     * Keep a tab's state, replacing any kept before.
     *
     * @param tabId the tab's id ({@link LiveSession#tabId()})
     * @param state the view's state
     */
    void park(String tabId, JsonValue state);

    /**
     * Take a tab's state out of the store: a second call finds nothing.
     *
     * @param tabId the tab's id
     * @return the state, if one was parked and has not expired
     */
    Optional<JsonValue> take(String tabId);
}
