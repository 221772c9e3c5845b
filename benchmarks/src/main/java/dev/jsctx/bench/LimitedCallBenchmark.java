package dev.jsctx.bench;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link PoolCallBenchmark}'s counter call on GraalJS with and without a memory limit, as two values of one
 * parameter in one JMH run: the cost of the memory guard's trigger on an ordinary call.
 */
@State(Scope.Benchmark)
public class LimitedCallBenchmark {
    /** The contexts' memory limit in bytes, 0 for none. */
    @Param({"0", "16777216"})
    public long memoryLimitBytes;

    private ContextPool pool;
    private List<JsContext> contexts;

    @Setup(Level.Trial)
    public void openContexts() {
        pool = Counters.pool("graal", Counters.THREADS, PoolConfig.builder().sparesPerSpec(2));
        ContextSpec.Builder spec =
                ContextSpec.builder().addScript(Counters.COUNTER_JS).label("counter");
        if (memoryLimitBytes > 0) {
            spec.memoryLimit(memoryLimitBytes);
        }
        ContextSpec built = spec.build();
        contexts = new ArrayList<>(PoolCallBenchmark.CONTEXTS);
        for (int i = 0; i < PoolCallBenchmark.CONTEXTS; i++) {
            contexts.add(pool.open(built));
        }
    }

    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }

    /** Each benchmark thread's own context. */
    @State(Scope.Thread)
    public static class Caller {
        JsContext context;

        @Setup(Level.Trial)
        public void pick(LimitedCallBenchmark benchmark) {
            context = benchmark.contexts.get(ThreadLocalRandom.current().nextInt(PoolCallBenchmark.CONTEXTS));
        }
    }

    @Benchmark
    public JsonValue callInc(Caller caller) {
        return caller.context.call("inc", Counters.ONE);
    }
}
