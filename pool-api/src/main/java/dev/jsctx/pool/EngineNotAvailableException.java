package dev.jsctx.pool;

/**
 * No engine could be found or started; the message lists what was found.
 */
public class EngineNotAvailableException extends JsContextException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was looked for and what was found
     */
    public EngineNotAvailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the engine's error
     */
    public EngineNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
