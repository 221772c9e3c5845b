package dev.jsctx.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline for {@link PoolCallBenchmark}: the same {@code inc(1)} on raw GraalJS, no pool, in the caller's
 * own thread. The difference is what the pool costs.
 */
@State(Scope.Thread)
public class RawGraalCallBenchmark {
    private Engine engine;
    private Context context;
    private Value inc;

    @Setup(Level.Trial)
    public void createContext() {
        engine = RawGraal.engine();
        context = RawGraal.counterContext(engine);
        inc = context.getBindings("js").getMember("inc");
    }

    @TearDown(Level.Trial)
    public void close() {
        context.close();
        engine.close();
    }

    @Benchmark
    public int callInc() {
        return inc.execute(1).asInt();
    }

    /** Raw GraalJS set up as a user would without jsctx: one shared engine, default context options. */
    static final class RawGraal {
        private static final Source COUNTER = Source.create("js", Counters.COUNTER_JS.source());

        private RawGraal() {}

        static Engine engine() {
            return Engine.newBuilder("js")
                    .option("engine.WarnInterpreterOnly", "false")
                    .build();
        }

        static Context counterContext(Engine engine) {
            Context context = Context.newBuilder("js").engine(engine).build();
            context.eval(COUNTER);
            return context;
        }
    }
}
