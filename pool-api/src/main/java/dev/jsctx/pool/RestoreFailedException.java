package dev.jsctx.pool;

/**
 * A hibernating context could not be woken (see {@link PoolConfig.Builder#hibernateAfter}): no new engine context
 * could be made, or its script's {@code restore(state)} threw. The call or message that woke it fails with this, the
 * context is closed (its saved state dropped), and so is every later call: open a new one.
 */
public class RestoreFailedException extends ContextClosedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the context and why its restore failed
     */
    public RestoreFailedException(String message) {
        super(message);
    }
}
