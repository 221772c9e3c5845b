package dev.jsctx.pool.graal;

import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.JsException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Turns what GraalJS throws into the pool's exceptions.
 */
final class GuestErrors {
    private GuestErrors() {}

    /**
     * @return whether GraalJS closed the context because its statement limit ran out
     */
    static boolean isBudgetExhausted(PolyglotException e) {
        return e.isCancelled() && e.isResourceExhausted();
    }

    /**
     * Maps an exception from a call that was not cut off by the statement budget.
     *
     * @param label the context's label, for messages
     * @return a {@link JsException} for JavaScript errors (stack overflow included, as a {@code RangeError}),
     *         or another {@link JsContextException}
     */
    static JsContextException toException(PolyglotException e, String label) {
        if (e.isInterrupted()) {
            return new JsContextException("Call on context '" + label + "' was interrupted", e);
        }
        if (e.isCancelled()) {
            return new ContextClosedException("Context '" + label + "' was closed while a call ran");
        }
        if (e.isHostException()) {
            return new JsContextException("A host function of context '" + label + "' failed", e.asHostException());
        }
        if (e.isGuestException()) {
            return toJsException(e);
        }
        return new JsContextException("GraalJS failed in context '" + label + "': " + e.getMessage(), e);
    }

    /**
     * @return the JavaScript error a guest exception carries
     */
    static JsException toJsException(PolyglotException e) {
        Value thrown = e.getGuestObject();
        if (thrown == null || thrown.isNull()) {
            String name = e.isSyntaxError() ? "SyntaxError" : "Error";
            String prefix = name + ": ";
            String message = String.valueOf(e.getMessage());
            return new JsException(name, message.startsWith(prefix) ? message.substring(prefix.length()) : message, "");
        }
        return fromThrown(thrown);
    }

    /**
     * @param thrown what JavaScript threw or rejected with
     * @return its {@code name}, {@code message} and {@code stack} when it is an error object; {@code Error} and
     *         the value as text otherwise
     */
    static JsException fromThrown(Value thrown) {
        if (thrown != null && thrown.hasMembers()) {
            Value name = thrown.getMember("name");
            Value message = thrown.getMember("message");
            if (name != null && name.isString() && message != null && message.isString()) {
                Value stack = thrown.getMember("stack");
                return new JsException(
                        name.asString(), message.asString(), stack != null && stack.isString() ? stack.asString() : "");
            }
        }
        return new JsException("Error", String.valueOf(thrown), "");
    }
}
