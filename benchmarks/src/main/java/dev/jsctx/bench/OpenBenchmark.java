package dev.jsctx.bench;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Time to open a counter context, with a spare ready and with none, and to close one. Each open is timed
 * alone, from a virtual thread, so the figures are latencies a request handler sees.
 */
final class OpenBenchmark {
    private OpenBenchmark() {}

    static void run(int opens, int warmUpSeconds, List<String> engines) throws Exception {
        System.out.println("# open/close latency, " + opens + " opens per figure after " + warmUpSeconds
                + " s of open/close warm-up, from a virtual thread");
        Duration warmUp = Duration.ofSeconds(warmUpSeconds);
        for (String engine : engines) {
            String prefix = engine.equals("graal") ? "" : engine + "_";
            Histogram close = new Histogram(3);
            Histogram spare = measure(engine, opens, warmUp, 2, close);
            Histogram cold = measure(engine, opens, warmUp, 0, new Histogram(3));
            Figures.print(prefix + "open_spare_p50_us", spare.getValueAtPercentile(50) / 1000.0);
            Figures.print(prefix + "open_spare_p99_us", spare.getValueAtPercentile(99) / 1000.0);
            Figures.print(prefix + "open_cold_p50_us", cold.getValueAtPercentile(50) / 1000.0);
            Figures.print(prefix + "open_cold_p99_us", cold.getValueAtPercentile(99) / 1000.0);
            Figures.print(prefix + "close_p50_us", close.getValueAtPercentile(50) / 1000.0);
        }
    }

    private static Histogram measure(String engine, int opens, Duration warmUp, int spares, Histogram closeTimes)
            throws Exception {
        Histogram openTimes = new Histogram(3);
        try (ContextPool pool =
                Counters.pool(engine, Counters.THREADS, PoolConfig.builder().sparesPerSpec(spares))) {
            ContextSpec spec = Counters.spec(ApiSurface.NONE);
            Thread caller = Thread.ofVirtual().start(() -> {
                // Warm-up by time, not count: the Graal JIT compiles for 10-20 s on 2 cores before it settles.
                long warmUpEnd = System.nanoTime() + warmUp.toNanos();
                while (System.nanoTime() < warmUpEnd) {
                    awaitSpares(pool, spares * Counters.THREADS);
                    pool.open(spec).close();
                }
                List<JsContext> open = new ArrayList<>();
                for (int i = 0; i < opens; i++) {
                    awaitSpares(pool, spares * Counters.THREADS);
                    long start = System.nanoTime();
                    open.add(pool.open(spec));
                    openTimes.recordValue(System.nanoTime() - start);
                }
                for (JsContext context : open) {
                    long start = System.nanoTime();
                    context.close();
                    closeTimes.recordValue(System.nanoTime() - start);
                }
            });
            caller.join();
        }
        return openTimes;
    }

    /** A spare is made when the runtime thread is idle; wait for it, so "spare ready" is what is measured. */
    private static void awaitSpares(ContextPool pool, int spares) {
        if (spares == 0) {
            return;
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (pool.stats().sparesReady() < spares && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
