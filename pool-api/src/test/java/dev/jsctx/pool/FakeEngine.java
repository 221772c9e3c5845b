package dev.jsctx.pool;

import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineCapability;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineInstance;
import dev.jsctx.pool.spi.EngineRuntime;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test-only engine: "functions" are Java lambdas, "scripts" are lines {@code name=json} that set globals
 * (a line {@code throw} makes loading fail). Lets the pool's threading, watchdog, back-pressure and close be
 * tested without a JavaScript engine.
 *
 * <p>Built-in functions: {@code echo(v)}, {@code get(name)}, {@code set(name, v)}, {@code append(v)} (returns the
 * log's new size), {@code log()}, {@code id()} (the engine context's creation number), {@code threadName()},
 * {@code spin()} (until interrupted, then throws), {@code throw()}, {@code crash()} (a non-pool exception),
 * {@code later(ms, v)} (completes from a timer), {@code laterAppend(ms, v)}, {@code never()}, {@code budget()},
 * {@code timerSet(ms, marker)} (a timer adds the marker to {@link #FIRED}). Tests add their own with
 * {@link #define}. {@code eval(source)} calls the function named {@code source} with no arguments.
 */
public class FakeEngine implements JsEngineProvider {
    /** Engine contexts created so far; also the source of {@code id()}. */
    static final AtomicLong CREATED = new AtomicLong();

    static final AtomicLong CLOSED = new AtomicLong();
    static final AtomicLong PREPARED = new AtomicLong();
    /** Markers of timers set by {@code timerSet} that ran. */
    static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
    /** Every instance made, newest last. */
    static final List<Instance> INSTANCES = new CopyOnWriteArrayList<>();

    private static final Map<String, Function> FUNCTIONS = new ConcurrentHashMap<>();

    static {
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
        define("timerSet", (ctx, args, done) -> {
            String marker = text(args.get(1));
            ctx.host.schedule(number(args.get(0)), () -> FIRED.add(marker));
            done.complete(JsonValue.NULL);
        });
    }

    /**
     * A function of the fake engine, run on the runtime thread.
     */
    @FunctionalInterface
    interface Function {
        void apply(Context context, List<JsonValue> args, Completion completion);
    }

    /** Adds (or replaces) a function every fake context knows. */
    static void define(String name, Function function) {
        FUNCTIONS.put(name, function);
    }

    static Instance lastInstance() {
        return INSTANCES.get(INSTANCES.size() - 1);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<EngineCapability> capabilities() {
        return EnumSet.allOf(EngineCapability.class);
    }

    @Override
    public EngineInstance create(PoolConfig config) {
        Instance instance = new Instance();
        INSTANCES.add(instance);
        return instance;
    }

    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }

    private static long number(JsonValue value) {
        return ((JsonNumber) value).longValue();
    }

    /** An engine without browser APIs nor statement budgets. */
    public static final class Minimal extends FakeEngine {
        @Override
        public String name() {
            return "fake-minimal";
        }

        @Override
        public Set<EngineCapability> capabilities() {
            return EnumSet.of(EngineCapability.PROMISES, EngineCapability.INTERRUPT);
        }
    }

    /** An engine written for an older SPI. */
    public static final class Outdated extends FakeEngine {
        @Override
        public String name() {
            return "fake-old";
        }

        @Override
        public int apiVersion() {
            return 0;
        }
    }

    /** The engine's shared part. */
    static final class Instance implements EngineInstance {
        final List<Runtime> runtimes = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile boolean closedAfterRuntimes;

        @Override
        public PreparedScripts prepare(ContextSpec spec) {
            PREPARED.incrementAndGet();
            Map<String, JsonValue> globals = new HashMap<>();
            boolean throwsOnLoad = false;
            for (Script script : spec.scripts()) {
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
            return Map.of("engine", "fake", "version", "1.0");
        }

        @Override
        public void close() {
            closedAfterRuntimes = runtimes.stream().allMatch(r -> r.closed);
            closed = true;
        }
    }

    record Prepared(Map<String, JsonValue> globals, boolean throwsOnLoad) implements PreparedScripts {}

    /** One runtime thread's part. */
    static final class Runtime implements EngineRuntime {
        final Thread owner;
        volatile boolean closed;

        Runtime(Thread owner) {
            this.owner = owner;
        }

        @Override
        public EngineContext createContext(ContextSpec spec, PreparedScripts prepared, ContextHost host) {
            if (Thread.currentThread() != owner) {
                throw new AssertionError("createContext off the runtime's thread");
            }
            Prepared scripts = (Prepared) prepared;
            if (scripts.throwsOnLoad()) {
                throw new JsException("Error", "the script threw while loading", "at load (fake.js:1)");
            }
            return new Context(CREATED.incrementAndGet(), host, scripts.globals());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One fake context: globals, a log, and an interrupt flag. */
    static final class Context implements EngineContext {
        final long id;
        final ContextHost host;
        final Map<String, JsonValue> globals;
        final List<JsonValue> log = new ArrayList<>();
        private volatile boolean interrupted;

        Context(long id, ContextHost host, Map<String, JsonValue> initial) {
            this.id = id;
            this.host = host;
            this.globals = new HashMap<>(initial);
        }

        void spinUntilInterrupted() {
            while (!interrupted) {
                Thread.onSpinWait();
            }
            throw new IllegalStateException("interrupted"); // engines may throw anything after an interrupt
        }

        @Override
        public void call(String function, List<JsonValue> args, Completion completion) {
            interrupted = false;
            Function f = FUNCTIONS.get(function);
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
        }

        @Override
        public long memoryBytes() {
            return 100L * (1 + globals.size());
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }
}
