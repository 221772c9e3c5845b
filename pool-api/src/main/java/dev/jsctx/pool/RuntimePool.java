package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.JsEngineProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's implementation: owns the engine, the runtime threads and the watchdog; places new contexts on
 * the least-loaded thread, enforces the pool's limits, sums statistics, and closes it all.
 */
final class RuntimePool implements ContextPool {
    private static final System.Logger LOG = System.getLogger(RuntimePool.class.getName());

    private final PoolConfig config;
    private final String engineName;
    private final Set<EngineCapability> capabilities;
    private final JsEngine engine;
    private final PreparedScriptsCache preparedScripts;
    private final List<RuntimeThread> threads;
    private final Watchdog watchdog;
    private final MemoryGuard memoryGuard;
    /** Contexts open or being opened; reserved before placement so maxContexts is never exceeded. */
    private final AtomicInteger contextsOpen = new AtomicInteger();

    private final LongAdder opens = new LongAdder();
    private final LongAdder closes = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RuntimePool(PoolConfig config, JsEngineProvider provider, JsEngine engine) {
        this.config = config;
        this.engineName = provider.name();
        this.capabilities = Set.copyOf(provider.capabilities());
        this.engine = engine;
        this.preparedScripts = new PreparedScriptsCache(engine);
        List<RuntimeThread> created = new ArrayList<>(config.threads());
        List<CallGuard> guards = new ArrayList<>(config.threads());
        for (int i = 0; i < config.threads(); i++) {
            RuntimeThread thread = new RuntimeThread(this, i, config.sparesPerSpec());
            created.add(thread);
            guards.add(thread.guard());
        }
        this.threads = List.copyOf(created);
        this.watchdog = new Watchdog(guards, config.callTimeout());
        this.memoryGuard = new MemoryGuard(config.threads());
    }

    static ContextPool start(PoolConfig config) {
        JsEngineProvider provider = EngineDiscovery.find(config);
        JsEngine engine;
        try {
            engine = Objects.requireNonNull(provider.create(config.engineOptions()), "JsEngine");
        } catch (EngineNotAvailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineNotAvailableException(
                    "JavaScript engine '" + provider.name() + "' failed to start: " + e, e);
        }
        RuntimePool pool = new RuntimePool(config, provider, engine);
        pool.startThreads();
        return pool;
    }

    private void startThreads() {
        threads.forEach(RuntimeThread::start);
        watchdog.start();
        for (RuntimeThread thread : threads) {
            try {
                thread.awaitStarted();
            } catch (CompletionException e) {
                close();
                throw new EngineNotAvailableException(
                        "JavaScript engine '" + engineName + "' failed to create the runtime of thread "
                                + thread.index() + ": " + e.getCause(),
                        e.getCause());
            }
        }
    }

    @Override
    public JsContext open(ContextSpec spec) {
        return openBlocking(spec, null);
    }

    @Override
    public JsContext open(ContextSpec spec, HostFunctions host) {
        return openBlocking(spec, Objects.requireNonNull(host, "host"));
    }

    /** @param host the opener's host functions, or null for none */
    private JsContext openBlocking(ContextSpec spec, HostFunctions host) {
        if (threads.stream().anyMatch(RuntimeThread::isCurrentThread)) {
            throw new IllegalStateException("open() on a runtime thread would wait forever; use openAsync there");
        }
        Placement placement = place(spec, host);
        JsContext fromSpare = openWithSpare(placement);
        return fromSpare != null ? fromSpare : request(placement, false).await();
    }

    @Override
    public CompletionStage<JsContext> openAsync(ContextSpec spec) {
        return openWithoutBlocking(spec, null);
    }

    @Override
    public CompletionStage<JsContext> openAsync(ContextSpec spec, HostFunctions host) {
        return openWithoutBlocking(spec, Objects.requireNonNull(host, "host"));
    }

    /** @param host the opener's host functions, or null for none */
    private CompletionStage<JsContext> openWithoutBlocking(ContextSpec spec, HostFunctions host) {
        try {
            Placement placement = place(spec, host);
            JsContext fromSpare = openWithSpare(placement);
            return fromSpare != null
                    ? CompletableFuture.completedFuture(fromSpare)
                    : request(placement, true).future();
        } catch (JsContextException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Checks a spec and reserves a place for its context on the least-loaded thread.
     *
     * @param host the opener's host functions, or null for none
     */
    private Placement place(ContextSpec spec, HostFunctions host) {
        Objects.requireNonNull(spec, "spec");
        if (isClosed()) {
            throw new PoolClosedException("The pool is closed; cannot open context '" + spec.label() + "'");
        }
        long memoryLimit =
                spec.memoryLimitBytes().orElse(config.memoryLimitBytes().orElse(0));
        checkCapabilities(spec, host, memoryLimit);
        ContextShape shape = spec.shape(memoryLimit).withHostObject(host != null);
        Duration timeout = spec.callTimeout().orElse(config.callTimeout());
        Blueprint blueprint = new Blueprint(shape, preparedScripts.get(shape), spec.label(), timeout, host);
        if (memoryLimit > 0) {
            memoryGuard.watch();
        }
        reserve();
        RuntimeThread thread = placeOnLeastLoaded();
        watchdog.noteTimeout(timeout.toNanos());
        return new Placement(thread, blueprint);
    }

    /** A reserved place for a new context on one runtime thread. */
    private record Placement(RuntimeThread thread, Blueprint blueprint) {}

    /** On the calling thread, when the thread has a spare of the spec's shape ready; else null. */
    private JsContext openWithSpare(Placement placement) {
        PooledContext context = placement.thread().openWithSpare(placement.blueprint());
        if (context != null) {
            contextOpened();
        }
        return context;
    }

    /** On the runtime thread, which takes a spare made meanwhile or creates the context. */
    private OpenRequest request(Placement placement, boolean async) {
        OpenRequest request = new OpenRequest(this, placement.thread(), placement.blueprint(), async);
        placement.thread().submit(request);
        return request;
    }

    private void checkCapabilities(ContextSpec spec, HostFunctions host, long memoryLimit) {
        if (host != null && !capabilities.contains(EngineCapability.HOST_FUNCTIONS)) {
            throw new UnsupportedCapabilityException(
                    engineName,
                    EngineCapability.HOST_FUNCTIONS,
                    "context '" + spec.label() + "' is opened with host functions");
        }
        if (spec.apiSurface() == ApiSurface.BROWSER && !capabilities.contains(EngineCapability.BROWSER_API)) {
            throw new UnsupportedCapabilityException(
                    engineName,
                    EngineCapability.BROWSER_API,
                    "context '" + spec.label() + "' asks for ApiSurface.BROWSER");
        }
        if (spec.statementBudget().isPresent() && !capabilities.contains(EngineCapability.STATEMENT_BUDGET)) {
            throw new UnsupportedCapabilityException(
                    engineName,
                    EngineCapability.STATEMENT_BUDGET,
                    "context '" + spec.label() + "' asks for a statement budget of "
                            + spec.statementBudget().getAsLong());
        }
        if (memoryLimit > 0 && !capabilities.contains(EngineCapability.MEMORY_LIMIT)) {
            throw new UnsupportedCapabilityException(
                    engineName,
                    EngineCapability.MEMORY_LIMIT,
                    "context '" + spec.label() + "' has a memory limit of " + memoryLimit + " bytes"
                            + (spec.memoryLimitBytes().isPresent() ? "" : " (the pool's default)"));
        }
    }

    private void reserve() {
        int open;
        do {
            open = contextsOpen.get();
            if (open >= config.maxContexts()) {
                throw new PoolFullException(config.maxContexts());
            }
        } while (!contextsOpen.compareAndSet(open, open + 1));
    }

    private RuntimeThread placeOnLeastLoaded() {
        RuntimeThread best = threads.get(0);
        int fewest = best.stats().contexts();
        for (int i = 1; i < threads.size() && fewest > 0; i++) {
            RuntimeThread candidate = threads.get(i);
            int count = candidate.stats().contexts();
            if (count < fewest) {
                best = candidate;
                fewest = count;
            }
        }
        best.stats().contextPlaced();
        return best;
    }

    /** An open was given up: frees its place. */
    void releasePlacement(RuntimeThread thread) {
        thread.stats().contextGone();
        contextsOpen.decrementAndGet();
    }

    void contextOpened() {
        opens.increment();
    }

    void contextClosed(RuntimeThread thread) {
        releasePlacement(thread);
        closes.increment();
    }

    boolean isClosed() {
        return closed.get();
    }

    PoolConfig config() {
        return config;
    }

    JsEngine engine() {
        return engine;
    }

    MemoryGuard memoryGuard() {
        return memoryGuard;
    }

    @Override
    public PoolStats stats() {
        List<Integer> perThread = new ArrayList<>(threads.size());
        List<Integer> queueDepth = new ArrayList<>(threads.size());
        int spares = 0;
        long calls = 0;
        long failed = 0;
        long timedOut = 0;
        for (RuntimeThread thread : threads) {
            ThreadStats stats = thread.stats();
            perThread.add(stats.contexts());
            queueDepth.add(stats.queueDepth());
            spares += thread.sparesReady();
            calls += stats.calls();
            failed += stats.failed();
            timedOut += stats.timedOut();
        }
        return new PoolStats(
                contextsOpen.get(), perThread, queueDepth, spares, opens.sum(), closes.sum(), calls, failed, timedOut);
    }

    @Override
    public Map<String, String> engineInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("engine", engineName);
        try {
            engine.describe().forEach(info::putIfAbsent);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The engine failed to describe itself", e);
        }
        return Collections.unmodifiableMap(info);
    }

    @Override
    public Set<EngineCapability> capabilities() {
        return capabilities;
    }

    @Override
    public Status status() {
        if (isClosed()) {
            return Status.CLOSED;
        }
        return threads.stream().allMatch(RuntimeThread::isRunning) ? Status.RUNNING : Status.RUNTIME_THREAD_DIED;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        watchdog.interruptEverything();
        threads.forEach(RuntimeThread::requestStop);
        List<String> stuck = new ArrayList<>();
        try {
            for (RuntimeThread thread : threads) {
                if (!thread.join(deadline)) {
                    stuck.add("jsctx-runtime-" + thread.index());
                    thread.rejectQueued();
                }
            }
            watchdog.stop(deadline);
            memoryGuard.stop(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stuck.add("(close was interrupted)");
        }
        if (stuck.isEmpty()) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "The engine failed to close", e);
            }
        } else {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Runtime threads " + stuck + " did not stop within " + config.closeTimeout()
                            + "; the engine instance is left open");
        }
    }

    @Override
    public String toString() {
        return "ContextPool[engine=" + engineName + ", threads=" + threads.size() + ", contextsOpen="
                + contextsOpen.get() + (isClosed() ? ", closed" : "") + "]";
    }
}
