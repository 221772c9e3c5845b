package dev.jsctx.pool;

/**
 * A call on a context that is closed, or that closed while the call waited.
 */
public class ContextClosedException extends JsContextException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which context, and why it closed if known
     */
    public ContextClosedException(String message) {
        super(message);
    }
}
