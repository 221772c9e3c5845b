package dev.jsctx.pool;

/**
 * The pool's implementation: runtime threads, placement, call queues, watchdog, spares and statistics.
 */
final class RuntimePool {
    private RuntimePool() {
    }

    static ContextPool start(PoolConfig config) {
        throw new EngineNotAvailableException("The runtime pool is not implemented yet");
    }
}
