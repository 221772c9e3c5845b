package dev.jsctx.pool.spi;

/**
 * The pool's services to one engine context. Every method must be called on the context's runtime thread.
 */
public interface ContextHost {

    /**
     * The name of the {@link System.Logger} returned by {@link #scriptLogger()}: what scripts print
     * ({@code console.log} of {@link dev.jsctx.pool.ApiSurface#BROWSER}) goes there.
     */
    String SCRIPT_LOGGER_NAME = "dev.jsctx.script";

    /**
     * Runs a task on the runtime thread after a delay, unless cancelled or the context closes first.
     * For timers ({@code setTimeout}, {@code setInterval}).
     *
     * @param delayMillis zero or more milliseconds
     * @param task        what to run, on the runtime thread
     * @return a handle that cancels the task
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * @return the context's label, for logs
     */
    String label();

    /**
     * @return the logger for what the context's scripts print ({@code console.log} and engine output), named
     *         {@value #SCRIPT_LOGGER_NAME}; prefix messages with {@link #label()}
     */
    System.Logger scriptLogger();

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
