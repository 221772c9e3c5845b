package dev.jsctx.pool;

/**
 * Turns what an engine threw into the pool's typed exceptions, so callers only ever see
 * {@link JsContextException}s.
 */
final class EngineErrors {
    private EngineErrors() {}

    /**
     * @param thrown what the engine threw or failed a call with
     * @param what   what was being done, for the message, e.g. {@code "a call on 'counter'"}
     */
    static RuntimeException asPoolError(Throwable thrown, String what) {
        if (thrown instanceof JsContextException known) {
            return known;
        }
        if (thrown instanceof StackOverflowError) {
            // The engine let the Java stack overflow instead of raising its own RangeError.
            return new JsException("RangeError", "Maximum call stack size exceeded", "");
        }
        return new JsContextException("The engine failed " + what + ": " + thrown, thrown);
    }
}
