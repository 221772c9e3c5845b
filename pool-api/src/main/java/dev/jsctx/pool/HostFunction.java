package dev.jsctx.pool;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

/**
 * A Java function that a context's JavaScript may call by name, through {@code host.call} or {@code host.callSync}
 * (see {@link HostFunctions}).
 *
 * <p>Threading: an asynchronous function ({@link HostFunctions.Builder#async}) runs on a virtual thread of its own, so
 * it may block (a database, an HTTP request); several of one context may run at once. A synchronous function
 * ({@link HostFunctions.Builder#sync}) runs on the context's runtime thread, inside the JavaScript that called it: while
 * it runs, no other context of that thread runs, so it must be quick and must not block.
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * @param args the JavaScript arguments, converted as {@link JsContext}'s values are (the same rules and limits,
     *             for all arguments together)
     * @return the result for JavaScript, under the same rules; {@code null} is taken as {@link JsonValue#NULL}
     * @throws Exception to fail the JavaScript call: it sees an {@code Error} with this exception's message (no Java
     *     class name, no Java stack)
     */
    JsonValue apply(JsonArray args) throws Exception;
}
