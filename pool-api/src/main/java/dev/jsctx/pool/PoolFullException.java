package dev.jsctx.pool;

/**
 * {@code open} when the pool already holds its most contexts.
 */
public class PoolFullException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * @param limit the configured most contexts
     */
    public PoolFullException(int limit) {
        super("The pool is full: " + limit + " contexts are open, the configured maximum (PoolConfig.maxContexts)");
        this.limit = limit;
    }

    /**
     * @return the configured most contexts
     */
    public int limit() {
        return limit;
    }
}
