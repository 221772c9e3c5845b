package dev.jsctx.pool;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A pool of small, isolated JavaScript contexts that share a few runtime threads.
 *
 * <p>The pool owns {@link PoolConfig#threads()} runtime threads. Each thread owns one engine runtime and hosts
 * many contexts; a context lives on one thread for its whole life, and every call to it runs there, one at a
 * time, in the order the calls were made. A new context goes to the least-loaded thread.
 *
 * <p>Threading: every method may be called from any thread, platform or virtual, at the same time. The blocking
 * methods ({@link #open}, {@link JsContext#call} and the like) must not be called on a runtime thread, for
 * example in a stage the pool completes: they would wait for themselves, so they throw
 * {@link IllegalStateException} there; use the asynchronous forms.
 *
 * {@snippet :
 * try (ContextPool pool = ContextPool.create(PoolConfig.builder().threads(2).build())) {
 *     ContextSpec spec = ContextSpec.builder().addScript(Script.ofResource("counter.js")).label("counter").build();
 *     try (JsContext ctx = pool.open(spec)) {
 *         JsonValue count = ctx.call("inc", Json.createValue(5));
 *     }
 * }
 * }
 */
public interface ContextPool extends AutoCloseable {

    /**
     * Creates a pool and starts its runtime threads.
     *
     * @param config the configuration
     * @return a running pool
     * @throws EngineNotAvailableException if the engine cannot be found or started
     */
    static ContextPool create(PoolConfig config) {
        return RuntimePool.start(config);
    }

    /**
     * Opens a context, blocking until it is ready. When the chosen runtime thread has a spare context of the same
     * shape ready, the context is made from it on the calling thread and returned without waiting for the runtime
     * thread, even a busy one; the spare is handed to the runtime thread before anything done with the context, so
     * the context's order is kept. Otherwise the runtime thread creates it. The first open of a spec shape
     * ({@link ContextSpec#sameShape}) parses its scripts on the calling thread; later opens reuse the parsed form.
     *
     * @param spec what the context is made of
     * @return an open context
     * @throws PoolFullException               if {@link PoolConfig#maxContexts()} are open
     * @throws JsException                     if a script threw while loading
     * @throws UnsupportedCapabilityException  if the engine cannot provide what the spec asks for
     * @throws PoolClosedException             if the pool is closed
     */
    JsContext open(ContextSpec spec);

    /**
     * Opens a context without blocking.
     *
     * @param spec what the context is made of
     * @return a stage with the open context, already completed when a spare was ready (see {@link #open}) and else
     *         completed on the runtime thread; or completed exceptionally with one of the exceptions listed at
     *         {@link #open(ContextSpec)}
     */
    CompletionStage<JsContext> openAsync(ContextSpec spec);

    /**
     * Opens a context whose JavaScript may call the given host functions and exchange messages with Java, through
     * the global {@code host} object ({@link HostFunctions}); otherwise like {@link #open(ContextSpec)}, spares
     * included: a spare made for the spec's shape with a {@code host} object gets these functions when it is opened.
     * Needs {@link EngineCapability#HOST_FUNCTIONS}.
     *
     * @param spec what the context is made of
     * @param host what the context may call, and who hears what it sends; for this context alone
     * @return an open context
     * @throws UnsupportedCapabilityException if the engine lacks {@link EngineCapability#HOST_FUNCTIONS}, or
     *     anything {@link #open(ContextSpec)} throws
     */
    JsContext open(ContextSpec spec, HostFunctions host);

    /**
     * Opens a context with host functions without blocking; see {@link #open(ContextSpec, HostFunctions)} and
     * {@link #openAsync(ContextSpec)}.
     *
     * @param spec what the context is made of
     * @param host what the context may call, and who hears what it sends; for this context alone
     * @return a stage with the open context, completed as {@link #openAsync(ContextSpec)}'s
     */
    CompletionStage<JsContext> openAsync(ContextSpec spec, HostFunctions host);

    /**
     * @return a snapshot of the pool's counters
     */
    PoolStats stats();

    /**
     * @return the engine's name (key {@code engine}) and what it says of itself, for example
     *         {@code runtime=optimized}
     */
    Map<String, String> engineInfo();

    /**
     * What the engine can do beyond the minimum. {@link #open} refuses a spec needing a missing capability with
     * {@link UnsupportedCapabilityException}.
     *
     * @return the engine's declared capabilities, immutable
     */
    Set<EngineCapability> capabilities();

    /**
     * Whether the pool can serve, for a readiness check. A runtime thread dies only when something the pool cannot
     * recover from escapes onto it (an {@link Error} such as {@link OutOfMemoryError}, from the engine or a
     * {@link CallObserver}); it is logged, and the pool heals: a new runtime thread takes its place at once (same
     * {@link JsContext#threadIndex()}) and takes the new contexts placed there, while the dead thread closes the
     * contexts it hosted. The work it was running, the work queued on it and every later call on its contexts fail
     * with {@link ContextClosedException} saying that the runtime thread died; open a new context. New contexts are
     * never placed on a dead thread. Once its contexts are closed and the new thread serves, the status is
     * {@link Status#RUNNING} again.
     *
     * <p>Threading: any thread; cheap (reads a few volatile fields). The answer may be stale by the time it is used.
     *
     * @return {@link Status#CLOSED} once {@link #close()} began, else {@link Status#RUNTIME_THREAD_DIED} while a runtime
     *         thread that died is being replaced (or could not be), else {@link Status#RUNNING}
     */
    Status status();

    /**
     * What {@link #status()} reports.
     */
    enum Status {
        /** Open, and every runtime thread runs. */
        RUNNING,
        /**
         * Open, but a runtime thread has died and its replacement does not serve yet (or could not start); the other
         * threads serve, and new contexts go to them.
         */
        RUNTIME_THREAD_DIED,
        /** {@link #close()} began; every later use fails with {@link PoolClosedException}. */
        CLOSED
    }

    /**
     * Closes every context, stops the runtime threads within {@link PoolConfig#closeTimeout()}, and makes
     * later use fail with {@link PoolClosedException}. Idempotent.
     *
     * <p>Calls running when the pool closes are interrupted; they, the calls still queued and the calls awaiting
     * a Promise fail with {@link PoolClosedException}. Contexts' {@link JsContext#onClose} listeners run on
     * their runtime thread. The engine is released after every runtime thread stopped; a thread stuck in
     * engine code past the close timeout is logged and the engine is left open.
     */
    @Override
    void close();
}
