package dev.jsctx.pool;

/**
 * A call ran past its time limit and was interrupted. The context stays usable.
 */
public class CallTimeoutException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final java.time.Duration limit;

    /**
     * @param label the context
     * @param limit the time limit
     */
    public CallTimeoutException(String label, java.time.Duration limit) {
        super("Call on context '" + label + "' ran past its time limit of " + limit.toMillis()
                + " ms and was interrupted");
        this.limit = limit;
    }

    /** A copy for the waiting caller's thread (see {@code CallerStack}). */
    CallTimeoutException(CallTimeoutException original) {
        super(original.getMessage());
        this.limit = original.limit;
    }

    /**
     * @return the time limit
     */
    public java.time.Duration limit() {
        return limit;
    }
}
