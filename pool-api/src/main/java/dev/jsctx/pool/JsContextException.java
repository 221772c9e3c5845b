package dev.jsctx.pool;

/**
 * The base of every exception the pool and its contexts throw. Unchecked.
 */
public class JsContextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public JsContextException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying cause
     */
    public JsContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
