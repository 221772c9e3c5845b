package dev.jsctx.pool;

import jakarta.json.JsonValue;

/**
 * Hears what a context's JavaScript sends out with {@code host.send(value)}, for example to push an update to the
 * context's live view (see {@link HostFunctions.Builder#onMessage}).
 *
 * <p>Threading and order: runs on the context's runtime thread, inside the {@code host.send} call, so one context's
 * messages arrive one at a time, in the order JavaScript sent them. While it runs, no other context of that thread
 * runs: it must be quick and must not block; hand slow work to an executor of your own. An exception it throws is
 * logged and ignored (JavaScript does not see it).
 */
@FunctionalInterface
public interface HostMessageListener {
    /**
     * @param context the context that sent it; its asynchronous methods and {@link JsContext#send} may be used here,
     *                its blocking methods may not (they throw {@link IllegalStateException} on a runtime thread)
     * @param message the value sent, converted as {@link JsContext}'s results are
     */
    void onMessage(JsContext context, JsonValue message);
}
