package dev.jsctx.pool;

/**
 * One item in a runtime thread's {@link Inbox}.
 */
abstract class Work {
    /** The next item; owned by the inbox while queued, then by the runtime thread. */
    Work next;

    /**
     * Runs on the runtime thread.
     */
    abstract void execute(RuntimeThread thread);

    /**
     * The work will never run (its pool is closing); tells whoever waits for it. Any thread.
     */
    abstract void reject(RuntimeException reason);

    /**
     * Wraps a runtime-thread chore that nobody waits for.
     */
    static Work chore(Runnable task) {
        return new Work() {
            @Override
            void execute(RuntimeThread thread) {
                task.run();
            }

            @Override
            void reject(RuntimeException reason) {
                // Nobody waits: the pool's shutdown does what the chore would have done.
            }
        };
    }
}
