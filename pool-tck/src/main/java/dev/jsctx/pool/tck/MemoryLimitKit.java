package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.MemoryLimitExceededException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.UnsupportedCapabilityException;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory-limit chapter of the conformance kit: a heap bomb stays in its context. Where the engine declares
 * {@link EngineCapability#MEMORY_LIMIT}, a context that grows past its limit fails its call with
 * {@link MemoryLimitExceededException} and is closed, while a neighbour on the same runtime thread keeps its
 * state and its calls succeed, during the bomb and after; where it does not, a context with a limit is refused at
 * {@code open}. No test is skipped.
 *
 * <p>Run it in a JVM with a small heap ({@code -Xmx512m}): an unbounded bomb then really ends the test run with an
 * {@link OutOfMemoryError} instead of passing on a large machine. An engine module extends it with one class:
 * {@snippet :
 * class GraalMemoryLimitTest extends MemoryLimitKit {
 *     @Override
 *     protected String engineName() {
 *         return "graal";
 *     }
 * }
 * }
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MemoryLimitKit {
    /** The limit of the bombs' contexts; the benchmark uses the same. */
    protected static final long LIMIT = 16L << 20;

    private static final Script BOMBS = Script.ofText("bombs.js", """
            var keep = [];
            function arrays() { while (true) { keep.push(new Array(1e7).fill(0)); } }
            function buffers() { while (true) { keep.push(new ArrayBuffer(1 << 20)); } }
            function strings() { for (var i = 0; ; i++) { keep.push('x'.repeat(1 << 20) + i); } }
            function graph() { var o = {}; keep.push(o); for (var i = 0; ; i++) { o = o.next = {i: i, a: [i, 'n' + i, {}]}; } }
            function oneBigBuffer() { return new ArrayBuffer(2 ** 30).byteLength; }
            function oneBigString() { return 'x'.repeat(2 ** 29).length; }
            function garbage(rounds) {
                var n = 0;
                for (var i = 0; i < rounds; i++) { n += new Array(1e5).fill(i).length; }
                return n;
            }
            function bombLater() { setTimeout(arrays, 0); return true; }
            var counter = 0;
            function inc() { return ++counter; }
            """);

    private ContextPool pool;

    /**
     * @return the engine's name, as its provider's {@code name()} says
     */
    protected abstract String engineName();

    /**
     * Adjusts the kit's pool: one runtime thread (so every neighbour shares the bomb's thread), a time limit far
     * beyond what the guard needs. Override to pass engine options.
     *
     * @param builder the kit's builder
     * @return the builder to build the pool from
     */
    protected PoolConfig.Builder configure(PoolConfig.Builder builder) {
        return builder;
    }

    @BeforeAll
    void startPool() {
        pool = ContextPool.create(
                configure(PoolConfig.builder().engine(engineName()).threads(1).callTimeout(Duration.ofSeconds(60)))
                        .build());
    }

    @AfterAll
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    private boolean declared() {
        return pool.capabilities().contains(EngineCapability.MEMORY_LIMIT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays", "buffers", "strings", "graph"})
    @DisplayName("a heap bomb fails with MemoryLimitExceededException and closes its context; its neighbour goes on")
    void heapBombStaysInItsContext(String bomb) {
        if (!declared()) {
            assertRefused(spec("bomb-" + bomb));
            return;
        }
        JsContext neighbour = pool.open(spec("neighbour", 0));
        try {
            neighbour.call("inc");
            JsContext bombed = pool.open(spec("bomb-" + bomb));
            assertEquals(bombed.threadIndex(), neighbour.threadIndex());
            CompletionStage<JsonValue> blast = bombed.callAsync(bomb);
            List<CompletionStage<JsonValue>> during = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                during.add(neighbour.callAsync("inc"));
            }
            Throwable failure = Await.failure(blast);
            MemoryLimitExceededException exceeded = assertInstanceOf(MemoryLimitExceededException.class, failure);
            assertEquals(LIMIT, exceeded.limitBytes());
            assertTrue(exceeded.getMessage().contains("closed"), exceeded.getMessage());
            assertFalse(bombed.isOpen());
            assertThrows(ContextClosedException.class, () -> bombed.call("inc"));
            for (int i = 0; i < during.size(); i++) {
                assertEquals(2 + i, number(Await.join(during.get(i))), "neighbour's call " + i + " during the bomb");
            }
            assertEquals(2 + during.size(), number(neighbour.call("inc")), "neighbour's call after the bomb");
        } finally {
            neighbour.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oneBigBuffer", "oneBigString"})
    @DisplayName("one allocation beyond the limit is refused as a RangeError; the context stays usable")
    void oneHugeAllocationIsRefused(String function) {
        if (!declared()) {
            assertRefused(spec(function));
            return;
        }
        try (JsContext ctx = pool.open(spec(function))) {
            JsException error = assertThrows(JsException.class, () -> ctx.call(function));
            assertEquals("RangeError", error.jsName());
            assertEquals(1, number(ctx.call("inc")));
        }
    }

    @Test
    @DisplayName("a timer task's heap bomb is stopped the same way: its context is closed, its neighbour goes on")
    void timerBombStaysInItsContext() {
        if (!declared()) {
            assertRefused(spec("timer-bomb"));
            return;
        }
        ContextSpec browser = ContextSpec.builder()
                .addScript(BOMBS)
                .apiSurface(ApiSurface.BROWSER)
                .label("timer-bomb")
                .memoryLimit(LIMIT)
                .build();
        if (!pool.capabilities().contains(EngineCapability.BROWSER_API)) {
            assertEquals(
                    EngineCapability.BROWSER_API,
                    assertThrows(UnsupportedCapabilityException.class, () -> pool.open(browser))
                            .capability());
            return;
        }
        try (JsContext neighbour = pool.open(spec("neighbour", 0));
                JsContext bombed = pool.open(browser)) {
            neighbour.call("inc");
            assertEquals(JsonValue.TRUE, bombed.call("bombLater"), "the call itself only sets the timer");
            Await.awaitTrue("the bomb's context is closed", () -> !bombed.isOpen());
            ContextClosedException closed = assertThrows(ContextClosedException.class, () -> bombed.call("inc"));
            assertTrue(
                    closed.getMessage().contains("held more than its memory limit of " + LIMIT),
                    "later calls say why it closed: " + closed.getMessage());
            assertEquals(2, number(neighbour.call("inc")), "the neighbour keeps its state");
        }
    }

    @Test
    @DisplayName("garbage far beyond the limit is not held against a context: the limit bounds what it retains")
    void garbageIsNotRetained() {
        if (!declared()) {
            assertRefused(spec("garbage"));
            return;
        }
        try (JsContext ctx = pool.open(spec("garbage"))) {
            // 200 rounds of a 100,000-element array: 80 MB or more allocated, at most one array retained.
            assertEquals(20_000_000, number(ctx.call("garbage", Json.createValue(200))));
            assertEquals(1, number(ctx.call("inc")));
        }
    }

    @Test
    @DisplayName("the pool's default limit applies to a spec without its own")
    void poolDefaultApplies() {
        try (ContextPool limited = ContextPool.create(
                configure(PoolConfig.builder().engine(engineName()).threads(1).memoryLimit(LIMIT))
                        .build())) {
            ContextSpec plain = spec("default-limit", 0);
            if (!declared()) {
                assertThrows(UnsupportedCapabilityException.class, () -> limited.open(plain));
                return;
            }
            try (JsContext ctx = limited.open(plain)) {
                assertInstanceOf(MemoryLimitExceededException.class, Await.failure(ctx.callAsync("buffers")));
                assertFalse(ctx.isOpen());
            }
        }
    }

    private void assertRefused(ContextSpec spec) {
        UnsupportedCapabilityException refused =
                assertThrows(UnsupportedCapabilityException.class, () -> pool.open(spec));
        assertEquals(EngineCapability.MEMORY_LIMIT, refused.capability());
    }

    private static ContextSpec spec(String label) {
        return spec(label, LIMIT);
    }

    /** @param limit the spec's memory limit, or 0 for none */
    private static ContextSpec spec(String label, long limit) {
        ContextSpec.Builder builder = ContextSpec.builder().addScript(BOMBS).label(label);
        if (limit > 0) {
            builder.memoryLimit(limit);
        }
        return builder.build();
    }

    private static long number(JsonValue value) {
        return ((JsonNumber) value).longValueExact();
    }
}
