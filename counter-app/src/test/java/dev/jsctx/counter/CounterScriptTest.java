package dev.jsctx.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.helidon.HelidonPoolConfig;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import io.helidon.config.Config;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * counter.js through the real pool and engine: each function, and each amount a user might type.
 */
class CounterScriptTest {
    private static ContextPool pool;
    private JsContext counter;

    @BeforeAll
    static void startPool() {
        pool = ContextPool.create(HelidonPoolConfig.create(Config.create().get("pool"))); // as the app configures it
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void open() {
        counter = pool.open(CounterPool.COUNTER_SPEC);
    }

    @AfterEach
    void close() {
        counter.close();
    }

    @Test
    @DisplayName("inc and dec move by one, or by an amount; get reads; reset goes back to zero")
    void functions() {
        assertEquals(0, count("get"));
        assertEquals(1, count("inc"));
        assertEquals(6, count("inc", Json.createValue(5)));
        assertEquals(5, count("dec"));
        assertEquals(2, count("dec", Json.createValue(3)));
        assertEquals(12, count("add", Json.createValue("10")));
        assertEquals(-8, count("add", Json.createValue(-20)));
        assertEquals(-8, count("get"));
        assertEquals(0, count("reset"));
        assertEquals(0, count("get"));
    }

    @Test
    @DisplayName("amounts are whole numbers up to a billion, as numbers or text")
    void validAmounts() {
        assertEquals(1_000_000_000, count("add", Json.createValue("1000000000")));
        assertEquals(0, count("add", Json.createValue(" -1000000000 ")));
        assertEquals(7, count("add", Json.createValue("+7")));
        assertEquals(7, count("add", Json.createValue("-0")), "-0 adds nothing");
    }

    static Stream<JsonValue> badAmounts() {
        return Stream.of(
                Json.createValue("abc"),
                Json.createValue("1e309"),
                Json.createValue("9007199254740993"),
                Json.createValue("1000000001"),
                Json.createValue("1.5"),
                Json.createValue(""),
                Json.createValue("0x10"),
                // As long as an amount can get: the live view refuses messages over 64 KB before they reach the
                // script. (10 MB took over the 1 s call limit on a busy 2-core machine, running interpreted.)
                Json.createValue("1".repeat(64 * 1024)),
                Json.createValue(1.5),
                Json.createValue(9007199254740993L),
                JsonValue.NULL,
                JsonValue.TRUE,
                Json.createArrayBuilder().add(1).build());
    }

    @ParameterizedTest
    @MethodSource("badAmounts")
    @DisplayName("a bad amount throws a short JS error and leaves the count as it was")
    void badAmount(JsonValue amount) {
        count("add", Json.createValue(3));
        JsException error = assertThrows(JsException.class, () -> counter.call("add", amount));
        assertTrue(error.jsName().equals("TypeError") || error.jsName().equals("RangeError"), error.jsName());
        assertTrue(error.jsMessage().length() < 80, error.jsMessage());
        assertEquals(3, count("get"));
    }

    @Test
    @DisplayName("the count never leaves the safe integer range")
    void safeRange() {
        counter.eval("count = Number.MAX_SAFE_INTEGER - 1"); // a billion clicks later
        assertEquals(9007199254740991L, count("inc"));
        JsException error = assertThrows(JsException.class, () -> counter.call("inc"));
        assertEquals("RangeError", error.jsName());
        assertEquals(9007199254740991L, count("get"));
    }

    @Test
    @DisplayName("restore takes back a parked count; anything but a safe integer is refused and changes nothing")
    void restore() {
        assertEquals(42, count("restore", Json.createValue(42)));
        assertEquals(43, count("inc"));
        for (JsonValue bad : new JsonValue[] {
            Json.createValue("42"), Json.createValue(1.5), Json.createValue(9007199254740993L), JsonValue.NULL
        }) {
            JsException error = assertThrows(JsException.class, () -> counter.call("restore", bad));
            assertEquals("TypeError", error.jsName());
            assertEquals(43, count("get"));
        }
    }

    @Test
    @DisplayName("snapshot gives the count, which restore takes back: the pair a hibernating context is saved by")
    void snapshotAndRestore() {
        count("add", Json.createValue(7));
        JsonValue state = counter.call("snapshot");
        assertEquals(Json.createValue(7), state);
        count("reset");
        assertEquals(7, count("restore", state));
    }

    @Test
    @DisplayName("an idle counter hibernates and counts on from where it was")
    void idleCounterHibernates() {
        try (ContextPool hibernating = ContextPool.create(
                        HelidonPoolConfig.builder(Config.create().get("pool"))
                                .hibernateAfter(Duration.ofMillis(50))
                                .build());
                JsContext tab = hibernating.open(CounterPool.COUNTER_SPEC)) {
            tab.call("add", Json.createValue(3));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (hibernating.stats().contextsHibernating() == 0) {
                assertTrue(System.nanoTime() < deadline, "the idle counter hibernated: " + hibernating.stats());
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            assertEquals(Json.createValue(4), tab.call("inc"));
            assertEquals(1, hibernating.stats().wakes());
        }
    }

    private long count(String function, JsonValue... args) {
        return ((JsonNumber) counter.call(function, args)).longValueExact();
    }
}
