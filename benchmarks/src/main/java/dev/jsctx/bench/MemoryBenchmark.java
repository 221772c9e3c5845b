package dev.jsctx.bench;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * Retained heap per counter context: open N contexts, collect, and divide the growth by N. Not a JMH benchmark:
 * it measures space, once, after full collections. Beside each figure, what {@link JsContext#memoryBytes()} says
 * of those contexts (the median of a few), so the engine's own measurement can be checked against it.
 */
final class MemoryBenchmark {
    private MemoryBenchmark() {}

    static void run(int contexts, List<String> engines) throws InterruptedException {
        run(contexts, engines, Map.of(), 0);
    }

    /**
     * @param engineOptions passed to every pool's engine ({@code PoolConfig.engineOption}), for example
     *                      {@code js.ecmascript-version=2015}; the raw GraalJS figure ignores them
     * @param byClass       how many classes to list of what each pool's growth is made of (0: none)
     */
    static void run(int contexts, List<String> engines, Map<String, String> engineOptions, int byClass)
            throws InterruptedException {
        System.out.println("# retained heap per counter context, " + contexts + " contexts open, after GC");
        Figures.print("contexts", contexts);
        Figures.print("heap_per_context_raw_graal_bytes", rawGraal(contexts));
        for (String engine : engines) {
            String prefix = engine.equals("graal") ? "heap_per_context_" : "heap_per_context_" + engine + "_";
            pooled(engine, contexts, ApiSurface.NONE, engineOptions, byClass, prefix + "none_");
            if (engine.equals("graal")) {
                pooled(engine, contexts, ApiSurface.BROWSER, engineOptions, byClass, prefix + "browser_");
            }
        }
    }

    /** Prints {@code PREFIXbytes} (retained heap per context) and {@code PREFIXreported_bytes}. */
    private static void pooled(
            String engine, int count, ApiSurface surface, Map<String, String> engineOptions, int byClass, String prefix)
            throws InterruptedException {
        PoolConfig.Builder config = PoolConfig.builder().sparesPerSpec(2);
        engineOptions.forEach(config::engineOption);
        try (ContextPool pool = Counters.pool(engine, Counters.THREADS, config)) {
            System.out.println("# " + engine + " " + surface + ": " + pool.engineInfo());
            // Warm the pool (engine, parsed scripts, spares) so only the contexts themselves are counted.
            Counters.open(pool, 10, surface).forEach(JsContext::close);
            ClassHistogram classesBefore = byClass > 0 ? ClassHistogram.take() : null;
            long before = HeapProbe.retainedBytes();
            List<JsContext> open = Counters.open(pool, count, surface);
            long after = HeapProbe.retainedBytes();
            if (byClass > 0) {
                ClassHistogram.take().printGrowth(classesBefore, count, byClass);
            }
            long perContext = (after - before) / count;
            if (open.stream().anyMatch(c -> !c.isOpen())) {
                throw new IllegalStateException("a context closed during the measurement");
            }
            Figures.print(prefix + "bytes", perContext);
            Figures.print(prefix + "reported_bytes", reportedMedian(open));
        }
    }

    /** The median of what {@link JsContext#memoryBytes()} says of 21 of the contexts, spread over them. */
    private static long reportedMedian(List<JsContext> open) {
        int samples = Math.min(21, open.size());
        long[] reported = new long[samples];
        for (int i = 0; i < samples; i++) {
            reported[i] = open.get(i * (open.size() / samples)).memoryBytes();
        }
        Arrays.sort(reported);
        return reported[samples / 2];
    }

    private static long rawGraal(int count) throws InterruptedException {
        try (Engine engine = RawGraalCallBenchmark.RawGraal.engine()) {
            RawGraalCallBenchmark.RawGraal.counterContext(engine).close();
            long before = HeapProbe.retainedBytes();
            List<Context> open = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                open.add(RawGraalCallBenchmark.RawGraal.counterContext(engine));
            }
            long after = HeapProbe.retainedBytes();
            open.forEach(Context::close);
            return (after - before) / count;
        }
    }
}
