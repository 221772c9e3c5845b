/**
 * A pool of small, isolated JavaScript contexts on a few shared runtime threads: {@link dev.jsctx.pool.ContextPool}
 * and {@link dev.jsctx.pool.JsContext} for users, configured by {@link dev.jsctx.pool.PoolConfig} and
 * {@link dev.jsctx.pool.ContextSpec}; engines plug in through {@link dev.jsctx.pool.spi}.
 *
 * <h2>The objects of one context, and the threads that touch them</h2>
 *
 * <pre>
 *  caller threads (any)          runtime thread (one per pool thread)                    watchdog thread
 *  ───────────────────────       ─────────────────────────────────────────────────       ───────────────
 *  JsContext = PooledContext ──► ContextLane ──► HostedContext ──► EngineContext  ◄── interrupt() only
 *   checks, bounds, waits         order: one      engine context     (the engine's)        via CallGuard
 *   (Call parks the caller)       call at a time  + its ContextHost:
 *                                 backlog,        label, timers
 *                                 Promise call    (TimerQueue.Group)
 * </pre>
 *
 * <ul>
 *   <li>{@code PooledContext} is the user's handle: any thread may use it at once; it checks a request, bounds the
 *       queue, hands a {@code Call} to the runtime thread's {@code Inbox} and waits on it. It owns the context's
 *       open/closed state and its close listeners.</li>
 *   <li>{@code ContextLane} is the context's side on its runtime thread, touched by that thread only: the call in
 *       flight (awaiting a Promise), the calls waiting behind it, and the time limit of each.</li>
 *   <li>{@code HostedContext} is one engine context with the pool's services ({@code ContextHost}): the label it
 *       serves now, its timers. It exists before a context does (a spare on a {@code SpareShelves} shelf, made by
 *       the runtime thread) and is replaced by {@code reset()}; so it is apart from the lane. Runtime thread only;
 *       a caller opening on a spare just passes it along, in a {@code SpareHandOver}.</li>
 *   <li>{@code EngineContext} is the engine's; the runtime thread calls it, the {@code Watchdog} only interrupts
 *       it, through the runtime thread's {@code CallGuard}.</li>
 * </ul>
 *
 * <p>Host functions ({@link dev.jsctx.pool.HostFunctions}, given at open) live on the lane, as {@code HostCalls}:
 * synchronous functions and the message listener run there, on the runtime thread, inside the JavaScript that calls
 * them; each asynchronous call is a {@code HostCall} that runs the Java function on a virtual thread and comes back
 * through the inbox as work of its own to settle its Promise (through the engine's {@code HostReply}, guarded like a
 * timer task). {@code JsContext.send} queues a {@code HostMessage} the same way.
 *
 * <p>What an open needs travels as one {@code Blueprint} (shape, prepared scripts, label, time limit, host
 * functions). Per runtime
 * thread, {@code RuntimeThread} owns the loop, the {@code TimerQueue} (all timer bookkeeping), the spare shelves
 * and its {@code ThreadStats} (written through their methods only); {@code RuntimePool} owns the engine, the
 * threads, placement and the pool's limits.
 */
package dev.jsctx.pool;
