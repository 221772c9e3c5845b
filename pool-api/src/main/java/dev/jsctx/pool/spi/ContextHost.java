package dev.jsctx.pool.spi;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.ContextClosedException;

/**
 * The pool's services to one engine context, given to {@link EngineRuntime#createContext} and kept by the context
 * for its whole life. Every method must be called on the context's runtime thread.
 */
public interface ContextHost {

    /**
     * The name of the {@link System.Logger} returned by {@link #scriptLogger()}: what scripts print
     * ({@code console.log} of {@link dev.jsctx.pool.ApiSurface#BROWSER}) goes there.
     */
    String SCRIPT_LOGGER_NAME = "dev.jsctx.script";

    /**
     * Runs a task on the runtime thread after a delay, unless cancelled or the context closes first. For timers
     * ({@code setTimeout}, {@code setInterval}). The task runs under the context's time limit, like a call.
     *
     * @param delayMillis zero or more milliseconds
     * @param task        what to run, on the runtime thread
     * @return a handle that cancels the task
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * The label of the context this engine context serves now. Read it when needed rather than keeping it: a spare
     * context is made for one spec and may serve a context of another spec with the same shape.
     *
     * @return the context's label, for messages and logs
     */
    String label();

    /**
     * The pool's bounds of this context's timers and log output ({@link dev.jsctx.pool.PoolConfig#browserLimits()}),
     * which the engine enforces: the same for every context of a pool, so a spare may keep what it read at creation.
     *
     * @implSpec The default returns {@link BrowserLimits#defaults()}.
     * @return the limits
     */
    default BrowserLimits browserLimits() {
        return BrowserLimits.defaults();
    }

    /**
     * @return the logger for what the context's scripts print ({@code console.log} and engine output), named
     *     {@value #SCRIPT_LOGGER_NAME}; prefix messages with {@link #label()}
     */
    System.Logger scriptLogger();

    /**
     * Reports that this engine context cannot run anything any more, for example because the engine closed it when
     * a timer task ran past the statement budget. The pool closes the context as {@link dev.jsctx.pool.JsContext#close()}
     * would (its timers stop at once) and fails the calls waiting on it, and later ones, with a
     * {@link ContextClosedException} that says why; then it closes this engine context. May be called inside a call;
     * later reports are ignored.
     *
     * @param reason why, for the callers
     */
    void died(ContextClosedException reason);

    /**
     * Cancels a scheduled task.
     */
    @FunctionalInterface
    interface Cancellable {
        /**
         * Cancels the task if it has not run; harmless otherwise.
         */
        void cancel();
    }
}
