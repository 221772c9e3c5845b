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
 * the lookup costs. (Looking it up in JavaScript instead, through a dispatcher function with rest and spread
 * arguments, measured slower still: 3.3 us p50 against 1.5 us, on a loaded 2-core machine.)
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
