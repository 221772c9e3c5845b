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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's implementation: owns the engine and the runtime threads (each with its watchdog); places new contexts
 * on the least-loaded running thread, replaces a thread that died, enforces the pool's limits, sums statistics, and
 * closes it all.
 */
final class RuntimePool implements ContextPool {
    private static final System.Logger LOG = System.getLogger(RuntimePool.class.getName());

    private final PoolConfig config;
    private final String engineName;
    private final Set<EngineCapability> capabilities;
    private final JsEngine engine;
    private final PreparedScriptsCache preparedScripts;
    private final MemoryGuard memoryGuard;
    /** One slot per runtime thread; a thread that died is replaced in its slot. */
    private final AtomicReferenceArray<RuntimeThread> threads;
    /** Threads that died and whose replacement does not serve yet, or whose contexts are still being closed. */
    private final AtomicInteger healing = new AtomicInteger();
    /** The smallest time limit of any context opened so far: every watchdog polls often enough for it. */
    private final AtomicLong smallestTimeoutNanos;
    /** The counters of threads that died, so that the pool's totals never go down. */
    private final LongAdder retiredCalls = new LongAdder();

    private final LongAdder retiredFailed = new LongAdder();
    private final LongAdder retiredTimedOut = new LongAdder();
    private final LongAdder retiredHibernations = new LongAdder();
    private final LongAdder retiredWakes = new LongAdder();
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
        this.smallestTimeoutNanos = new AtomicLong(config.callTimeout().toNanos());
        this.threads = new AtomicReferenceArray<>(config.threads());
        for (int i = 0; i < config.threads(); i++) {
            threads.set(i, new RuntimeThread(this, i, 0, config.sparesPerSpec()));
        }
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
        threads().forEach(RuntimeThread::start);
        for (RuntimeThread thread : threads()) {
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
        if (threads().stream().anyMatch(RuntimeThread::isCurrentThread)) {
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
        FairShare fairShare = spec.fairShare().orElse(config.fairShare());
        Duration hibernateAfter =
                spec.hibernateAfter().or(config::hibernateAfter).orElse(null);
        Blueprint blueprint = new Blueprint(
                shape, preparedScripts.get(shape), spec.label(), timeout, fairShare, host, hibernateAfter);
        if (memoryLimit > 0) {
            memoryGuard.watch();
        }
        reserve();
        RuntimeThread thread;
        try {
            thread = placeOnLeastLoaded();
        } catch (JsContextException e) {
            contextsOpen.decrementAndGet();
            throw e;
        }
        noteTimeout(timeout.toNanos());
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

    /** Never a thread that died or failed to start: its slot may hold it for a moment before its replacement. */
    private RuntimeThread placeOnLeastLoaded() {
        RuntimeThread best = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < threads.length() && fewest > 0; i++) {
            RuntimeThread candidate = threads.get(i);
            int count = candidate.stats().contexts();
            if (count < fewest && candidate.isRunning()) {
                best = candidate;
                fewest = count;
            }
        }
        if (best == null) {
            throw new EngineNotAvailableException(
                    "No runtime thread of the pool runs: they died and could not be replaced (see the log)");
        }
        best.stats().contextPlaced();
        return best;
    }

    /** Every watchdog, also those of threads started later, polls often enough for this time limit. */
    private void noteTimeout(long timeoutNanos) {
        long smallest;
        do {
            smallest = smallestTimeoutNanos.get();
            if (timeoutNanos >= smallest) {
                return;
            }
        } while (!smallestTimeoutNanos.compareAndSet(smallest, timeoutNanos));
        threads().forEach(thread -> thread.watchdog().noteTimeout(timeoutNanos));
    }

    long smallestTimeoutNanos() {
        return smallestTimeoutNanos.get();
    }

    /**
     * On a runtime thread that died, before it closes its contexts: a new thread takes its slot and starts.
     *
     * @return the new thread, or null when the pool is closing (then nothing replaces it)
     */
    RuntimeThread replace(RuntimeThread dead) {
        if (isClosed()) {
            return null;
        }
        healing.incrementAndGet();
        RuntimeThread fresh = new RuntimeThread(this, dead.index(), dead.generation() + 1, config.sparesPerSpec());
        threads.set(dead.index(), fresh);
        fresh.start();
        if (isClosed()) {
            fresh.requestStop(); // close() may have read the slot before the new thread was in it
        }
        return fresh;
    }

    /** On the dead thread, once it closed its contexts: the pool has healed when its replacement serves. */
    void replaced(RuntimeThread dead, RuntimeThread fresh) {
        ThreadStats stats = dead.stats();
        retiredCalls.add(stats.calls());
        retiredFailed.add(stats.failed());
        retiredTimedOut.add(stats.timedOut());
        retiredHibernations.add(stats.hibernations());
        retiredWakes.add(stats.wakes());
        fresh.awaitStartedOrFailed();
        healing.decrementAndGet();
        if (fresh.isRunning()) {
            LOG.log(System.Logger.Level.INFO, "Runtime thread " + fresh.name() + " replaces " + dead.name());
        } else {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "Runtime thread " + fresh.name() + " could not start in place of " + dead.name()
                            + "; the pool runs on fewer threads");
        }
    }

    /** A snapshot of the runtime threads now. */
    private List<RuntimeThread> threads() {
        List<RuntimeThread> now = new ArrayList<>(threads.length());
        for (int i = 0; i < threads.length(); i++) {
            now.add(threads.get(i));
        }
        return now;
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
        List<Integer> perThread = new ArrayList<>(threads.length());
        List<Integer> queueDepth = new ArrayList<>(threads.length());
        int spares = 0;
        long calls = retiredCalls.sum();
        long failed = retiredFailed.sum();
        long timedOut = retiredTimedOut.sum();
        int hibernating = 0;
        long hibernations = retiredHibernations.sum();
        long wakes = retiredWakes.sum();
        for (RuntimeThread thread : threads()) {
            ThreadStats stats = thread.stats();
            perThread.add(stats.contexts());
            queueDepth.add(stats.queueDepth());
            spares += thread.sparesReady();
            calls += stats.calls();
            failed += stats.failed();
            timedOut += stats.timedOut();
            hibernating += stats.hibernating();
            hibernations += stats.hibernations();
            wakes += stats.wakes();
        }
        return new PoolStats(
                contextsOpen.get(),
                perThread,
                queueDepth,
                spares,
                opens.sum(),
                closes.sum(),
                calls,
                failed,
                timedOut,
                hibernating,
                hibernations,
                wakes);
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
        boolean healthy = healing.get() == 0 && threads().stream().allMatch(RuntimeThread::isRunning);
        return healthy ? Status.RUNNING : Status.RUNTIME_THREAD_DIED;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        List<RuntimeThread> closing = threads();
        closing.forEach(thread -> thread.watchdog().interruptEverything());
        closing.forEach(RuntimeThread::requestStop);
        List<String> stuck = new ArrayList<>();
        try {
            for (RuntimeThread thread : closing) {
                if (!thread.join(deadline)) {
                    stuck.add(thread.name());
                    thread.rejectQueued();
                }
                thread.watchdog().stop(deadline);
            }
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
        return "ContextPool[engine=" + engineName + ", threads=" + threads.length() + ", contextsOpen="
                + contextsOpen.get() + (isClosed() ? ", closed" : "") + "]";
    }
}
