package dev.jsctx.pool.graal;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.EngineNotAvailableException;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.PreparedScripts;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One pool's GraalJS: a single shared {@link Engine} (so contexts share parsed code and compiled machine code),
 * the context options of each API surface, and the shared browser API source. Thread-safe. GraalJS needs no state per
 * runtime thread (a polyglot context is entered per call), so a runtime is just {@link #createContext}.
 */
final class GraalEngineInstance implements JsEngine {
    private static final System.Logger LOG = System.getLogger(GraalEngineInstance.class.getName());
    private static final System.Logger ENGINE_LOG = System.getLogger("dev.jsctx.pool.graal.engine");
    private static final AtomicBoolean INTERPRETER_REPORTED = new AtomicBoolean();

    /**
     * ECMAScript 2022, not GraalJS's default ("latest"): the edition sets both the syntax the parser accepts
     * and the built-ins every context instantiates, and built-ins are most of a context's heap. Measured here
     * (2,000 counter contexts, optional globals off): 2015 57 KB, 2017 58 KB, 2020 60 KB, 2021 61 KB, 2022 62 KB,
     * 2024 64 KB, latest 67 KB. 2022 is the oldest edition that runs what ordinary scripts are written in today:
     * classes with public and private fields and static blocks, {@code ?.} and {@code ??}, object spread, async
     * functions, numeric separators (counter.js uses {@code 1_000_000_000}). Later editions add library methods
     * only (toSorted, groupBy, Set methods, iterator helpers). Override with the engine option
     * {@code js.ecmascript-version} (2017 or later: browser.js needs it).
     */
    static final String ECMASCRIPT_VERSION = "2022";

    /** Every context: bare ECMAScript, with the optional, non-standard or host-reaching globals off. */
    private static final Map<String, String> NONE_OPTIONS = orderedMap(
            "js.ecmascript-version", ECMASCRIPT_VERSION,
            "js.console", "false",
            "js.print", "false",
            "js.load", "false",
            "js.graal-builtin", "false",
            "js.polyglot-builtin", "false",
            "js.java-package-globals", "false",
            "js.performance", "false",
            // Intl carries locale data per context; toLocaleString still works, with the default locale only.
            "js.intl-402", "false",
            // No threads or workers, so SharedArrayBuffer and Atomics are useless here.
            "js.shared-array-buffer", "false",
            "js.atomics", "false",
            // Annex B is the standard's web-browser legacy (escape/unescape, String.prototype.substr and the HTML
            // methods, Object.prototype.__proto__ and __defineGetter__, Date getYear, RegExp compile, sloppy-mode
            // block function hoisting). ECMA-262 requires it of web browsers only, and a NONE context is not one;
            // leaving it out saves about 2.3 KB per context (benchmarks/run.sh memory). BROWSER turns it back on.
            "js.annex-b", "false",
            // Legacy RegExp.$1 statics and the non-standard global 'arguments'.
            "js.regexp-static-result", "false",
            "js.global-arguments", "false",
            // A rejected promise nobody handles is reported to the context's log instead of vanishing.
            "js.unhandled-rejections", "warn");

    /** BROWSER adds Annex B, GraalJS's own TextEncoder/TextDecoder and performance; browser.js does the rest. */
    private static final Map<String, String> BROWSER_EXTRA_OPTIONS = orderedMap(
            "js.annex-b", "true",
            "js.text-encoding", "true",
            "js.performance", "true");

    /** Run once per engine before any user script: in JIT mode, a stack overflow as the very first JS of a JVM
     * breaks every later context, so something ordinary must come first. */
    private static final String WARM_UP = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(15);";

    /** The largest length limit set for a context with a memory limit: GraalJS's own limit is about 2^30. */
    private static final long MAX_LENGTH_LIMIT = 1L << 29;

    private final Engine engine;
    private final String ecmascriptVersion;
    private final Map<String, String> browserOptions;
    private final Source browserApi;
    private final Source hostObject;
    private final OutputStream engineOut;
    private final OutputStream engineErr;
    private final boolean optimized;
    private final ContextHeapMeter heapMeter;

    private GraalEngineInstance(
            Engine engine, Map<String, String> jsOptions, OutputStream engineOut, OutputStream engineErr) {
        this.engine = engine;
        this.engineOut = engineOut;
        this.engineErr = engineErr;
        this.ecmascriptVersion = jsOptions.getOrDefault("js.ecmascript-version", ECMASCRIPT_VERSION);
        Map<String, String> browser = new LinkedHashMap<>();
        BROWSER_EXTRA_OPTIONS.forEach((key, value) -> browser.put(key, jsOptions.getOrDefault(key, value)));
        this.browserOptions = Map.copyOf(browser);
        this.browserApi = BrowserApi.source();
        this.hostObject = GraalHostBridge.source();
        this.heapMeter = new ContextHeapMeter(engine, browserOptions);
        this.optimized =
                !engine.getImplementationName().toLowerCase(Locale.ROOT).contains("interpret");
    }

    /**
     * Builds the engine, checks the options and runs the warm-up.
     *
     * @param options the pool's engine options: {@code js.*} override context options, the rest go to the engine
     * @throws EngineNotAvailableException if GraalJS cannot start here or refuses an option
     */
    static GraalEngineInstance start(Map<String, String> options) {
        if (Thread.currentThread().isVirtual()) {
            // The warm-up enters contexts, which GraalJS supports on virtual threads only experimentally (and warns).
            return onPlatformThread(() -> start(options));
        }
        Map<String, String> jsOptions = new LinkedHashMap<>();
        Map<String, String> engineOptions = new LinkedHashMap<>();
        options.forEach((key, value) -> (key.startsWith("js.") ? jsOptions : engineOptions).put(key, value));
        ScriptLog engineLog = new ScriptLog(ENGINE_LOG, () -> "graal", BrowserLimits.defaults());
        OutputStream engineOut = new LoggerOutputStream(engineLog, System.Logger.Level.INFO);
        OutputStream engineErr = new LoggerOutputStream(engineLog, System.Logger.Level.WARNING);
        Engine engine;
        try {
            engine = Engine.newBuilder("js")
                    .out(engineOut)
                    .err(engineErr)
                    .logHandler(new LoggerHandler(ENGINE_LOG))
                    .allowExperimentalOptions(true)
                    // Replaced by the one INFO line below.
                    .option("engine.WarnInterpreterOnly", "false")
                    .options(engineOptions)
                    // The context options too, as defaults for every context rather than on each context's
                    // builder: a context given options keeps its own copy (1.6 KB, benchmarks/run.sh memory).
                    .options(merged(NONE_OPTIONS, jsOptions))
                    .build();
        } catch (IllegalArgumentException | IllegalStateException | LinkageError e) {
            throw new EngineNotAvailableException(
                    "GraalJS cannot start with the options " + options + ": " + e.getMessage(), e);
        }
        GraalEngineInstance instance = new GraalEngineInstance(engine, jsOptions, engineOut, engineErr);
        try {
            instance.warmUp();
        } catch (IllegalArgumentException | PolyglotException e) {
            engine.close();
            throw new EngineNotAvailableException(
                    "GraalJS refused the context options " + jsOptions + ": " + e.getMessage(), e);
        }
        instance.reportRuntime();
        return instance;
    }

    private void warmUp() {
        for (ApiSurface surface : ApiSurface.values()) {
            try (Context context = newContext(surface, null, 0, engineOut, engineErr)) {
                context.eval(Source.create("js", WARM_UP));
                if (surface == ApiSurface.BROWSER) {
                    context.parse(browserApi);
                }
            }
        }
    }

    private void reportRuntime() {
        if (optimized) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "GraalJS {0} runs with the optimizing runtime ({1})",
                    version(),
                    engine.getImplementationName());
        } else if (INTERPRETER_REPORTED.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "GraalJS " + version() + " runs interpreted, without its JIT:"
                            + " to enable it, run the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI, the"
                            + " polyglot jars on --module-path, and org.graalvm.compiler:compiler of the polyglot jars' version"
                            + " on --upgrade-module-path (see pool-graal/README.md)");
        }
    }

    @Override
    public PreparedScripts prepare(ContextShape shape) {
        if (Thread.currentThread().isVirtual()) {
            // GraalJS runs polyglot contexts on virtual threads only experimentally on HotSpot, and warns at length:
            // parse on a platform thread instead (once per spec shape, so the extra thread costs nothing that matters).
            return onPlatformThread(() -> prepare(shape));
        }
        List<Source> sources =
                shape.scripts().stream().map(GraalEngineInstance::source).toList();
        // Parsed now, once: a syntax error shows at open, and the engine's code cache holds the parsed form.
        try (Context context = newContext(shape.apiSurface(), null, 0, engineOut, engineErr)) {
            for (Source source : sources) {
                try {
                    context.parse(source);
                } catch (PolyglotException e) {
                    throw GuestErrors.toJsException(e);
                }
            }
        }
        long budget = shape.statementBudget();
        ResourceLimits limits = budget > 0
                ? ResourceLimits.newBuilder().statementLimit(budget, null).build()
                : null;
        return new GraalPreparedScripts(sources, shape.apiSurface(), limits, budget, shape.memoryLimitBytes());
    }

    private static <T> T onPlatformThread(Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("jsctx-graal-setup").start(() -> {
            try {
                result.set(task.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the work is short; finish it, then keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    private static Source source(Script script) {
        return Source.newBuilder("js", script.source(), script.name())
                .cached(true)
                .buildLiteral();
    }

    @Override
    public EngineRuntime newRuntime(int threadIndex) {
        return this::createContext;
    }

    private EngineContext createContext(ContextShape shape, PreparedScripts prepared, ContextHost host) {
        GraalPreparedScripts scripts = (GraalPreparedScripts) prepared;
        ScriptLabel label = new ScriptLabel(host.label());
        ScriptLog log = new ScriptLog(host.scriptLogger(), label, host.browserLimits());
        Context context = newContext(
                scripts.surface(),
                scripts.limits(),
                scripts.memoryLimitBytes(),
                new LoggerOutputStream(log, System.Logger.Level.INFO),
                new LoggerOutputStream(log, System.Logger.Level.WARNING));
        GraalEngineContext engineContext = new GraalEngineContext(context, scripts, host, label, log, heapMeter);
        engineContext.load(browserApi, shape.hostObject() ? hostObject : null);
        return engineContext;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("version", version());
        description.put("runtime", optimized ? "optimized" : "interpreter");
        description.put("implementation", engine.getImplementationName());
        description.put("ecmascript", ecmascriptVersion);
        return description;
    }

    /**
     * A sandboxed context: no host classes or objects (only the proxies the engine hands in), no I/O, threads,
     * processes, native code, environment or other languages; output goes to {@code out}.
     *
     * @param limits           the statement budget, or null
     * @param memoryLimitBytes the context's memory limit, or 0 for none: one string or typed array may not be longer
     * @param out              where the context's standard output goes
     * @param err              where the context's error output goes
     */
    Context newContext(
            ApiSurface surface, ResourceLimits limits, long memoryLimitBytes, OutputStream out, OutputStream err) {
        Context.Builder builder = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowValueSharing(false)
                .allowExperimentalOptions(true)
                .out(out)
                .err(err);
        if (surface == ApiSurface.BROWSER) {
            builder.options(browserOptions); // the engine's options are NONE's
        }
        if (limits != null) {
            builder.resourceLimits(limits);
        }
        if (memoryLimitBytes > 0) {
            // A string or an ArrayBuffer is one Java allocation, which the memory guard cannot interrupt: a single
            // 'x'.repeat(2 ** 29) or new ArrayBuffer(2 ** 30) would exhaust a small heap before the guard looks.
            // These options make such a request a RangeError. The context then keeps its own copy of the options
            // (about 1.6 KB).
            String longest = Long.toString(Math.min(memoryLimitBytes, MAX_LENGTH_LIMIT));
            builder.option("js.string-length-limit", longest).option("js.max-typed-array-length", longest);
        }
        return builder.build();
    }

    /**
     * GraalJS's version. Polyglot jars from Maven Central call themselves a "Development Build"; on the class path
     * their manifest knows better (on the module path, "Development Build" it stays).
     */
    private String version() {
        String version = Engine.class.getPackage().getImplementationVersion();
        return version != null ? version : engine.getVersion();
    }

    @Override
    public void close() {
        engine.close();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.putAll(overrides);
        return map;
    }
}
