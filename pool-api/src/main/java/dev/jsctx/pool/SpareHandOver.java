package dev.jsctx.pool;

/**
 * Gives a spare that a caller took for a new context to the context, on the spare's runtime thread. Queued by
 * the opening caller before {@code open} returns, so it runs before any request made on the context.
 */
final class SpareHandOver extends Work {
    private final ContextLane lane;

    SpareHandOver(ContextLane lane) {
        this.lane = lane;
    }

    @Override
    void execute(RuntimeThread thread) {
        lane.start();
    }

    /**
     * The pool closed or the thread died first. On the runtime thread (its shutdown) the spare is closed with the
     * context; on any
     * other thread the runtime thread did not stop in time, its engine is left open, and the context is only
     * marked closed.
     */
    @Override
    void reject(RuntimeException reason) {
        if (lane.isOnItsThread()) {
            lane.context().closeWithItsThread();
        } else {
            lane.context().markClosedWithPool();
        }
    }
}
