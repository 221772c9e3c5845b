package dev.jsctx.pool;

/**
 * A call refused because too many calls already wait on the same context.
 */
public class CallQueueFullException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * @param label the context
     * @param limit the configured bound
     */
    public CallQueueFullException(String label, int limit) {
        super("Too many calls waiting on context '" + label + "': " + limit
                + " already queued (PoolConfig.maxQueuedCallsPerContext)");
        this.limit = limit;
    }

    /**
     * @return the configured bound
     */
    public int limit() {
        return limit;
    }
}
