package dev.jsctx.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link RawGraalCallBenchmark}'s {@code inc(1)} with the function looked up in the context's bindings at every
 * call, as pool-graal does so that a reassigned global is the one called: the difference between the two is what
 * the lookup costs. Measured on 2026-12-01 with {@code benchmarks/run.sh calls --engines noop --warmup 20
 * --seconds 5 --iterations 3} on a loaded 2-core machine: p50 0.13 us cached, 0.16 us looked up. (Looking it up in
 * JavaScript instead, through a dispatcher function taking rest arguments, gave 0.14 us: within the noise, and not
 * worth a helper function in every context.)
 */
@State(Scope.Thread)
public class RawGraalLookupBenchmark {
    private Engine engine;
    private Context context;
    private Value bindings;

    @Setup(Level.Trial)
    public void createContext() {
        engine = RawGraalCallBenchmark.RawGraal.engine();
        context = RawGraalCallBenchmark.RawGraal.counterContext(engine);
        bindings = context.getBindings("js");
    }

    @TearDown(Level.Trial)
    public void close() {
        context.close();
        engine.close();
    }

    @Benchmark
    public int callInc() {
        return bindings.getMember("inc").execute(1).asInt();
    }
}
