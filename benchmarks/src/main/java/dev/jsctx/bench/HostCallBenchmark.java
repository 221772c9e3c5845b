package dev.jsctx.bench;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.HostFunctions;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Host functions and messages through the pool: 2 runtime threads, 1,000 open contexts, each opened with its own
 * {@link HostFunctions} (a synchronous {@code one}, an asynchronous {@code echo}, a listener counting what comes
 * back), each benchmark thread using a context it picked at random. Run on JMH's virtual-thread executor
 * ({@code -Djmh.executor=VIRTUAL}), as {@link PoolCallBenchmark} is, whose plain call it repeats for the comparison.
 */
@State(Scope.Benchmark)
public class HostCallBenchmark {
    static final int CONTEXTS = 1_000;
    /** Host calls per JavaScript loop in the synchronous benchmarks: the overhead per call is the difference / this. */
    static final int LOOP = 100;

    /**
     * The time limit of every call and host function: far past any figure measured, so that a call slowed by the
     * warm-up (the Graal compiler runs as bytecode here and is compiled first, slower still on a loaded machine)
     * counts as slow instead of failing the run, as the pool's 5 s default did with 64 callers.
     */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static final JsonValue LOOP_COUNT = Json.createValue(LOOP);
    private static final JsonValue MESSAGE = Json.createValue(1);
    private static final Script HOST_JS = Script.ofText("host-bench.js", """
            var count = 0;
            function inc(n) { return count += n; }
            function one() { return 1; }
            function syncLoop(n) { var s = 0; for (var i = 0; i < n; i++) { s += host.callSync('one'); } return s; }
            function plainLoop(n) { var s = 0; for (var i = 0; i < n; i++) { s += one(); } return s; }
            function asyncOnce() { return host.call('echo', 1); }
            host.onMessage(function (m) { host.send(m); });
            """);

    /** Which engine: {@code graal} or {@code rhino}. */
    @Param({"graal"})
    public String engine;

    private ContextPool pool;
    private List<JsContext> contexts;
    /** Messages sent back by the handlers, over all contexts. */
    private final AtomicLong echoed = new AtomicLong();

    @Setup(Level.Trial)
    public void openContexts() {
        pool = Counters.pool(
                engine, Counters.THREADS, PoolConfig.builder().sparesPerSpec(2).callTimeout(LIMIT));
        ContextSpec spec =
                ContextSpec.builder().addScript(HOST_JS).label("host").build();
        contexts = new ArrayList<>(CONTEXTS);
        for (int i = 0; i < CONTEXTS; i++) {
            HostFunctions host = HostFunctions.builder()
                    .sync("one", args -> MESSAGE)
                    .async("echo", args -> args.get(0))
                    .timeout(LIMIT)
                    .onMessage((context, message) -> echoed.incrementAndGet())
                    .build();
            contexts.add(pool.open(spec, host));
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
        public void pick(HostCallBenchmark benchmark) {
            context = benchmark.contexts.get(ThreadLocalRandom.current().nextInt(CONTEXTS));
        }
    }

    /** {@value #LOOP} {@code host.callSync} calls in one JavaScript call. */
    @Benchmark
    public JsonValue syncLoop(Caller caller) {
        return caller.context.call("syncLoop", LOOP_COUNT);
    }

    /** The same loop calling a JavaScript function instead: the baseline of {@link #syncLoop}. */
    @Benchmark
    public JsonValue plainLoop(Caller caller) {
        return caller.context.call("plainLoop", LOOP_COUNT);
    }

    /** A call returning {@code host.call}'s Promise: JS to Java (a virtual thread) and back, until it settled. */
    @Benchmark
    public JsonValue asyncCall(Caller caller) {
        return caller.context.call("asyncOnce");
    }

    /** The plain counter call, for the rate beside {@link #asyncCall}'s. */
    @Benchmark
    public JsonValue plainCall(Caller caller) {
        return caller.context.call("inc", Counters.ONE);
    }

    /**
     * {@link JsContext#send} until the context's handler ran: the handler sends the message back with
     * {@code host.send}, whose listener counts it; one caller only (the count is shared).
     */
    @Benchmark
    public long message(Caller caller) {
        long target = echoed.get() + 1;
        caller.context.send(MESSAGE);
        long seen;
        while ((seen = echoed.get()) < target) {
            Thread.onSpinWait();
        }
        return seen;
    }
}
