package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryParkStoreTest {

    private final AtomicLong now = new AtomicLong();
    private final InMemoryParkStore store = new InMemoryParkStore(Duration.ofSeconds(10), 2, now::get);

    @Test
    void aParkedStateIsTakenOnce() {
        store.park("tab", Json.createValue(7));
        assertEquals(Optional.of(Json.createValue(7)), store.take("tab"));
        assertEquals(Optional.empty(), store.take("tab"));
    }

    @Test
    void aStateExpires() {
        store.park("tab", Json.createValue(7));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Optional.empty(), store.take("tab"));
    }

    @Test
    void theOldestStateGoesWhenTheStoreIsFull() {
        store.park("a", Json.createValue(1));
        store.park("b", Json.createValue(2));
        store.park("a", Json.createValue(3)); // a is the newest now
        store.park("c", Json.createValue(4));
        assertEquals(Optional.empty(), store.take("b"));
        assertEquals(Optional.of(Json.createValue(3)), store.take("a"));
        assertEquals(Optional.of(Json.createValue(4)), store.take("c"));
    }
}
