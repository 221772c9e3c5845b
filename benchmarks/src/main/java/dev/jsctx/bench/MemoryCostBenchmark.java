package dev.jsctx.bench;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one {@link JsContext#memoryBytes()} costs on a bare counter context, and what it says: each call timed
 * alone from a virtual thread, so the figure is the latency a caller sees (queueing on the runtime thread, the
 * measurement, the answer), which is also about how long the measurement keeps the runtime thread from other
 * contexts' calls.
 */
final class MemoryCostBenchmark {
    private MemoryCostBenchmark() {}

    static void run(int measurements, int warmUpSeconds, List<String> engines) throws Exception {
        System.out.println("# memoryBytes() on a bare counter context (NONE), " + measurements
                + " calls timed one by one after " + warmUpSeconds + " s of warm-up, from a virtual thread");
        for (String engine : engines) {
            String prefix = engine.equals("graal") ? "" : engine + "_";
            Histogram times = new Histogram(3);
            long[] reported = new long[1];
            try (ContextPool pool = Counters.pool(engine, Counters.THREADS, PoolConfig.builder())) {
                System.out.println("# " + engine + ": " + pool.engineInfo());
                JsContext context = Counters.open(pool, 1, ApiSurface.NONE).getFirst();
                Thread caller = Thread.ofVirtual().start(() -> {
                    // By time: the Graal JIT compiles the measurement's loop for seconds on 2 cores.
                    long warmUpEnd = System.nanoTime()
                            + Duration.ofSeconds(warmUpSeconds).toNanos();
                    while (System.nanoTime() < warmUpEnd) {
                        context.memoryBytes();
                    }
                    for (int i = 0; i < measurements; i++) {
                        long start = System.nanoTime();
                        reported[0] = context.memoryBytes();
                        times.recordValue(System.nanoTime() - start);
                    }
                });
                caller.join();
            }
            Figures.print(prefix + "memory_bytes_reported", reported[0]);
            Figures.print(prefix + "memory_bytes_p50_us", times.getValueAtPercentile(50) / 1000.0);
            Figures.print(prefix + "memory_bytes_p99_us", times.getValueAtPercentile(99) / 1000.0);
        }
    }
}
