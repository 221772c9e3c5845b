package dev.jsctx.pool.tck;

import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.JsEngineProvider;
import dev.jsctx.pool.spi.PreparedScripts;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test engine without JavaScript, for testing the pool's threading, watchdog, back-pressure and close: its
 * "functions" are Java lambdas and its "scripts" are lines {@code name=json} that set globals (a line
 * {@code throw} makes loading fail). All its state belongs to the instance, so tests do not share any: give each
 * pool its own with {@code PoolConfig.builder().engine(new FakeEngine())}.
 *
 * <p>Functions every context knows: {@code echo(v)}, {@code get(name)}, {@code set(name, v)}, {@code append(v)}
 * (returns the log's new size), {@code log()}, {@code id()} (the engine context's creation number),
 * {@code threadName()}, {@code hostLabel()}, {@code spin()} (until interrupted, then throws), {@code throw()},
 * {@code crash()} (a non-pool exception), {@code later(ms, v)} (completes from a timer),
 * {@code laterAppend(ms, v)}, {@code never()}, {@code budget()} (fails with a statement budget overrun),
 * {@code die()} (reports the context dead), {@code timerSet(ms, marker)} (a timer adds the marker to
 * {@link #fired()}), and, with this engine's {@link #gate()}: {@code hold()} (held at the gate, then true),
 * {@code arriveThenSpin()} and {@code arriveThenNever()}. Tests add their own with {@link #define}.
 * {@code eval(source)} calls the function named {@code source} with no arguments.
 */
public class FakeEngine implements JsEngineProvider {
    private final String name;
    private final Set<EngineCapability> capabilities;
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong prepared = new AtomicLong();
    private final Set<String> fired = ConcurrentHashMap.newKeySet();
    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final Gate gate = new Gate();
    private volatile Runnable onInterrupt = () -> {};

    /** A fake engine named {@code fake} with every capability. */
    public FakeEngine() {
        this("fake", EnumSet.allOf(EngineCapability.class));
    }

    /**
     * @param name         the engine's name
     * @param capabilities what it declares
     */
    public FakeEngine(String name, Set<EngineCapability> capabilities) {
        this.name = name;
        this.capabilities = Set.copyOf(capabilities);
        define("echo", (ctx, args, done) -> done.complete(args.get(0)));
        define("get", (ctx, args, done) -> done.complete(ctx.globals.getOrDefault(text(args.get(0)), JsonValue.NULL)));
        define("set", (ctx, args, done) -> {
            ctx.globals.put(text(args.get(0)), args.get(1));
            done.complete(args.get(1));
        });
        define("append", (ctx, args, done) -> {
            ctx.log.add(args.get(0));
            done.complete(Json.createValue(ctx.log.size()));
        });
        define(
                "log",
                (ctx, args, done) ->
                        done.complete(Json.createArrayBuilder(ctx.log).build()));
        define("id", (ctx, args, done) -> done.complete(Json.createValue(ctx.id)));
        define(
                "threadName",
                (ctx, args, done) ->
                        done.complete(Json.createValue(Thread.currentThread().getName())));
        define("hostLabel", (ctx, args, done) -> done.complete(Json.createValue(ctx.host.label())));
        define("spin", (ctx, args, done) -> ctx.spinUntilInterrupted());
        define("throw", (ctx, args, done) -> done.fail(new JsException("TypeError", "boom", "at throw (fake.js:1)")));
        define("crash", (ctx, args, done) -> {
            throw new IllegalStateException("a bug in the engine");
        });
        define("later", (ctx, args, done) -> ctx.host.schedule(number(args.get(0)), () -> done.complete(args.get(1))));
        define(
                "laterAppend",
                (ctx, args, done) -> ctx.host.schedule(number(args.get(0)), () -> {
                    ctx.log.add(args.get(1));
                    done.complete(Json.createValue(ctx.log.size()));
                }));
        define("never", (ctx, args, done) -> {});
        define("budget", (ctx, args, done) -> done.fail(new StatementBudgetExceededException("budget ran out")));
        define("die", (ctx, args, done) -> {
            ctx.host.died(new ContextClosedException("the fake engine lost its context"));
            done.complete(JsonValue.TRUE); // after dying: the pool's rules decide what the caller sees
        });
        define("timerSet", (ctx, args, done) -> {
            String marker = text(args.get(1));
            ctx.host.schedule(number(args.get(0)), () -> fired.add(marker));
            done.complete(JsonValue.NULL);
        });
        define("hold", (ctx, args, done) -> {
            gate.hold();
            done.complete(JsonValue.TRUE);
        });
        define("arriveThenSpin", (ctx, args, done) -> {
            gate.arrive();
            ctx.spinUntilInterrupted();
        });
        define("arriveThenNever", (ctx, args, done) -> gate.arrive());
    }

    /**
     * A function of the fake engine, run on the runtime thread.
     */
    @FunctionalInterface
    public interface Function {
        /**
         * @param context    the fake context
         * @param args       the arguments
         * @param completion where the outcome goes
         */
        void apply(FakeContext context, List<JsonValue> args, Completion completion);
    }

    /**
     * Adds (or replaces) a function every context of this engine knows.
     *
     * @param name     its name
     * @param function what it does
     */
    public final void define(String name, Function function) {
        functions.put(name, function);
    }

    /**
     * Sets what every {@code interrupt()} of this engine's contexts does after it marked the call interrupted, on the
     * pool's watchdog thread: for example block, to stand for an engine whose interrupt is slow, or throw.
     *
     * @param hook what to do
     */
    public final void onInterrupt(Runnable hook) {
        this.onInterrupt = Objects.requireNonNull(hook, "hook");
    }

    /** @return the gate of {@code hold()}, {@code arriveThenSpin()} and {@code arriveThenNever()} */
    public final Gate gate() {
        return gate;
    }

    /** @return the engine contexts created so far, which is also the last {@code id()} */
    public final long created() {
        return created.get();
    }

    /** @return the engine contexts closed so far */
    public final long closed() {
        return closed.get();
    }

    /** @return how many times scripts were prepared */
    public final long prepared() {
        return prepared.get();
    }

    /** @return the markers of the {@code timerSet} timers that ran */
    public final Set<String> fired() {
        return fired;
    }

    /** @return the engine made by the latest {@link #create} */
    public final Instance lastInstance() {
        return instances.get(instances.size() - 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<EngineCapability> capabilities() {
        return capabilities;
    }

    @Override
    public JsEngine create(Map<String, String> options) {
        Instance instance = new Instance();
        instances.add(instance);
        return instance;
    }

    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }

    private static long number(JsonValue value) {
        return ((JsonNumber) value).longValue();
    }

    /** The engine of one pool; says whether and when it was closed. */
    public final class Instance implements JsEngine {
        private final List<Runtime> runtimes = new CopyOnWriteArrayList<>();
        private volatile boolean closed;
        private volatile boolean closedAfterRuntimes;

        private Instance() {}

        /** @return whether the pool closed it */
        public boolean isClosed() {
            return closed;
        }

        /** @return whether every runtime was closed before it */
        public boolean closedAfterRuntimes() {
            return closedAfterRuntimes;
        }

        @Override
        public PreparedScripts prepare(ContextShape shape) {
            prepared.incrementAndGet();
            Map<String, JsonValue> globals = new HashMap<>();
            boolean throwsOnLoad = false;
            for (Script script : shape.scripts()) {
                for (String line : script.source().split("\n")) {
                    if (line.strip().equals("throw")) {
                        throwsOnLoad = true;
                    } else if (!line.isBlank()) {
                        int eq = line.indexOf('=');
                        globals.put(
                                line.substring(0, eq).strip(),
                                Json.createReader(new StringReader(line.substring(eq + 1)))
                                        .readValue());
                    }
                }
            }
            return new Prepared(Map.copyOf(globals), throwsOnLoad);
        }

        @Override
        public EngineRuntime newRuntime(int threadIndex) {
            Runtime runtime = new Runtime(Thread.currentThread());
            runtimes.add(runtime);
            return runtime;
        }

        @Override
        public Map<String, String> describe() {
            return Map.of("version", "1.0");
        }

        @Override
        public void close() {
            closedAfterRuntimes = runtimes.stream().allMatch(r -> r.closed);
            closed = true;
        }
    }

    private record Prepared(Map<String, JsonValue> globals, boolean throwsOnLoad) implements PreparedScripts {}

    private final class Runtime implements EngineRuntime {
        private final Thread owner;
        private volatile boolean closed;

        private Runtime(Thread owner) {
            this.owner = owner;
        }

        @Override
        public EngineContext createContext(ContextShape shape, PreparedScripts prepared, ContextHost host) {
            if (Thread.currentThread() != owner) {
                throw new AssertionError("createContext off the runtime's thread");
            }
            Prepared scripts = (Prepared) prepared;
            if (scripts.throwsOnLoad()) {
                throw new JsException("Error", "the script threw while loading", "at load (fake.js:1)");
            }
            return new FakeContext(created.incrementAndGet(), host, scripts.globals());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One fake context: globals, a log, and an interrupt flag. */
    public final class FakeContext implements EngineContext {
        private final long id;
        private final ContextHost host;
        private final Map<String, JsonValue> globals;
        private final List<JsonValue> log = new ArrayList<>();
        private volatile boolean interrupted;

        private FakeContext(long id, ContextHost host, Map<String, JsonValue> initial) {
            this.id = id;
            this.host = host;
            this.globals = new HashMap<>(initial);
        }

        /** @return the pool's services to this context */
        public ContextHost host() {
            return host;
        }

        /** Spins until the pool interrupts the call, then throws, as engines may after an interrupt. */
        public void spinUntilInterrupted() {
            while (!interrupted) {
                Thread.onSpinWait();
            }
            throw new IllegalStateException("interrupted");
        }

        @Override
        public void call(String function, List<JsonValue> args, Completion completion) {
            interrupted = false;
            Function f = functions.get(function);
            if (f == null) {
                completion.fail(new JsException("TypeError", function + " is not a function", ""));
                return;
            }
            f.apply(this, args, completion);
        }

        @Override
        public void eval(String source, Completion completion) {
            call(source, List.of(), completion);
        }

        @Override
        public void interrupt() {
            interrupted = true;
            onInterrupt.run();
        }

        @Override
        public long memoryBytes() {
            return 100L * (1 + globals.size());
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
