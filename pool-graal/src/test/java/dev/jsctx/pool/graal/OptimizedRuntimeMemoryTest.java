package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code memoryBytes()} on Truffle's optimizing runtime, where Truffle measures contexts. Run by the surefire
 * execution {@code optimized-runtime} of this module, with the JIT's JVM flags.
 */
class OptimizedRuntimeMemoryTest {
    /**
     * Retained heap of one {@code NONE} counter.js context: {@code benchmarks/run.sh memory} (10,000 contexts, heap
     * growth after full collections; BENCHMARKS.md), {@code heap_per_context_none_bytes}.
     */
    private static final long BENCHMARK_NONE_COUNTER_BYTES = 58_164;

    private static final int ONE_MIB = 1 << 20;
    private static final ContextSpec COUNTER = ContextSpec.builder()
            .addScript(Script.ofResource("counter.js"))
            .label("counter")
            .build();
    private static ContextPool pool;

    @BeforeAll
    static void startPool() {
        pool = ContextPool.create(
                PoolConfig.builder().engine(GraalEngineProvider.NAME).threads(1).build());
        assertTrue(
                pool.capabilities().contains(EngineCapability.MEMORY_MEASUREMENT),
                "not on Truffle's optimizing runtime (" + pool.engineInfo() + "): check this execution's JVM flags");
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @Test
    // One context measured alone carries a few KB that 10,000 contexts amortise, and the figure moves between runs:
    // 62-64 KB here, 73,936 B once in CI. The bound is there to catch a wrong measurement (half of it, or twice it).
    @DisplayName("a bare counter context measures between 75 % and 150 % of the benchmark's retained heap per context")
    void bareCounterMatchesBenchmark() {
        try (JsContext context = pool.open(COUNTER)) {
            long bytes = context.memoryBytes();
            assertTrue(
                    bytes >= BENCHMARK_NONE_COUNTER_BYTES * 0.75 && bytes <= BENCHMARK_NONE_COUNTER_BYTES * 1.5,
                    "memoryBytes " + bytes + ", benchmark " + BENCHMARK_NONE_COUNTER_BYTES);
        }
    }

    @Test
    @DisplayName("a 1 MiB string the context holds is counted once, and no longer once it is dropped")
    void followsWhatTheContextHoldsNow() {
        try (JsContext context = pool.open(COUNTER)) {
            long bare = context.memoryBytes();
            context.eval("globalThis.big = 'x'.repeat(" + ONE_MIB + "); big.length");
            long holding = context.memoryBytes();
            context.eval("globalThis.big = null; 0");
            long dropped = context.memoryBytes();

            long growth = holding - bare;
            assertTrue(growth >= ONE_MIB && growth <= ONE_MIB * 1.25, "grew by " + growth + " from " + bare);
            assertTrue(dropped < bare + ONE_MIB / 2, "after dropping it " + dropped + ", bare " + bare);
        }
    }

    @Test
    @DisplayName("contexts are measured apart: one holding 1 MiB does not count in another")
    void contextsAreMeasuredApart() {
        try (JsContext holder = pool.open(COUNTER);
                JsContext other = pool.open(COUNTER)) {
            long before = other.memoryBytes();
            holder.eval("globalThis.big = 'y'.repeat(" + ONE_MIB + "); 0");
            long after = other.memoryBytes();
            assertTrue(after - before < ONE_MIB / 2, "the other context went from " + before + " to " + after);
        }
    }

    @Test
    @DisplayName("a BROWSER context's figure does not grow with the number of other BROWSER contexts open")
    void browserContextsAreMeasuredApart() {
        ContextSpec browser = ContextSpec.builder()
                .addScript(Script.ofResource("counter.js"))
                .apiSurface(ApiSurface.BROWSER)
                .label("browser")
                .build();
        List<JsContext> others = new ArrayList<>();
        try (JsContext context = pool.open(browser)) {
            long alone = context.memoryBytes();
            for (int i = 0; i < 50; i++) {
                others.add(pool.open(browser));
            }
            long among = context.memoryBytes();
            // Per-context Symbol keys in browser.js once added about 9 KB per other context (pool-graal/README.md).
            assertTrue(among - alone < 50 * 1024, "alone " + alone + ", among 50 others " + among);
            assertTrue(alone > BENCHMARK_NONE_COUNTER_BYTES * 0.75, "memoryBytes " + alone);
        } finally {
            others.forEach(JsContext::close);
        }
    }
}
