package dev.jsctx.pool;

/**
 * A value could not cross between JSON-P and JavaScript: a function, symbol or cycle, or too deep or too large.
 */
public class UnsupportedValueException extends JsContextException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which value, and why
     */
    public UnsupportedValueException(String message) {
        super(message);
    }
}
