package dev.jsctx.bench;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import jakarta.json.JsonValue;
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
 * A counter call ({@code inc(1)}) through the pool: 2 runtime threads, 1,000 open counter contexts, each
 * benchmark thread calling a context it picked at random. Run on JMH's virtual-thread executor
 * ({@code -Djmh.executor=VIRTUAL}), so callers are virtual threads, as in a Helidon request handler.
 */
@State(Scope.Benchmark)
public class PoolCallBenchmark {
    static final int CONTEXTS = 1_000;

    /** Which engine: {@code graal}, {@code rhino}, or {@code noop} for the pool's own cost. */
    @Param({"graal"})
    public String engine;

    private ContextPool pool;
    private List<JsContext> contexts;

    @Setup(Level.Trial)
    public void openContexts() {
        pool = Counters.pool(engine, Counters.THREADS);
        contexts = Counters.open(pool, CONTEXTS);
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
        public void pick(PoolCallBenchmark benchmark) {
            context = benchmark.contexts.get(ThreadLocalRandom.current().nextInt(CONTEXTS));
        }
    }

    @Benchmark
    public JsonValue callInc(Caller caller) {
        return caller.context.call("inc", Counters.ONE);
    }
}
