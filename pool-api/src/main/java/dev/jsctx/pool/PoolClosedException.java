package dev.jsctx.pool;

/**
 * Use of a pool after {@link ContextPool#close()}.
 */
public class PoolClosedException extends ContextClosedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was attempted
     */
    public PoolClosedException(String message) {
        super(message);
    }
}
