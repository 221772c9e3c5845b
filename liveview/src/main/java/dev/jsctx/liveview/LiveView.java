package dev.jsctx.liveview;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * One live page for one browser tab: it holds the tab's state, changes it on events and messages, and renders
 * it. See the {@linkplain dev.jsctx.liveview package documentation} for the life cycle.
 *
 * <p>A new instance is made for every HTTP render and every connected tab, by the factory given to
 * {@link LiveViewFeature.Builder#view(String, java.util.function.Supplier)}, so fields need no synchronisation:
 * the callbacks of one instance never run at the same time, and each one sees what the previous one wrote.
 * They may run on different threads (virtual threads), one after the other. Callbacks of different instances run
 * in parallel; a slow callback delays only its own view.
 *
 * <p>Every callback may block (it runs on a virtual thread). If a callback throws anything other than
 * {@link EventRejectedException}, the view ends: everything it owns is closed, and the browser shows the error
 * state and joins again with a fresh instance.
 */
public interface LiveView {

    /**
     * Set up the view's state. Fires first, once per instance: for the HTTP render (then the view ends right
     * after {@link #render()}) and again, on a fresh instance, when the browser joins over the WebSocket.
     *
     * <p>Hand every resource the view opens to {@link LiveSession#own(AutoCloseable)} as soon as it is open, so it
     * is closed when the view ends, also if {@code mount} fails later on. Use {@link LiveSession#connected()} to
     * skip expensive work that the plain HTML page does not need.
     *
     * <p><b>Security Note:</b> {@code params} come from the page's URL, protected against tampering by the
     * signed join token only after the HTTP render; treat them as untrusted user input.
     *
     * @param params  the query parameters of the page's URL (first value of each), immutable
     * @param session the session of this view: owns resources and delivers messages
     * @throws Exception to refuse the mount; the view ends
     */
    void mount(Map<String, String> params, LiveSession session) throws Exception;

    /**
     * Handle an event from the browser: a click, submit or change binding. Fires after {@code mount}, on the
     * socket's virtual thread, once per event in the order the browser sent them; {@link #render()} follows and
     * only the changed dynamics are sent back in the event's reply.
     *
     * <p><b>Security Note:</b> {@code name} and {@code payload} come from the browser and can be anything; check
     * them like any request parameter. The payload holds strings from {@code data-jsctx-value-*} attributes and
     * form fields.
     *
     * @implSpec The default throws {@link EventRejectedException} ("unknown event"), which the browser gets as
     *           an error reply; the view keeps its state.
     *
     * @param name    the event name from the binding attribute
     * @param payload the event's values, each a JSON string
     * @throws EventRejectedException to refuse this event with a message for the browser; the view goes on
     * @throws Exception              for a failure; the view ends
     */
    default void handleEvent(String name, JsonObject payload) throws Exception {
        throw EventRejectedException.unknownEvent(name);
    }

    /**
     * Handle a message sent with {@link LiveSession#send(Object)}. Fires after {@code mount}, in the order the
     * messages were sent, on a virtual thread of the module, never at the same time as another callback of this
     * view; {@link #render()} follows and the changes are pushed to the browser. Messages sent after the view
     * ended are dropped.
     *
     * @implSpec The default ignores the message.
     *
     * @param message the message as sent
     * @throws Exception for a failure; the view ends
     */
    default void handleInfo(Object message) throws Exception {}

    /**
     * Offer the view's state, so that the tab can get it back when it joins again, on this node or another
     * ({@link #resume(JsonValue)}). Fires at most once per instance, under the same guarantees as the other
     * callbacks, just before a connected view ends for a reason other than its own failure: its socket closed
     * or dropped, or the server is stopping (before the socket is closed). Everything the view owns is still
     * open. The state goes to the feature's {@link ParkStore} under the tab's id and expires there.
     *
     * @implSpec The default offers nothing.
     *
     * @return the state as JSON, or empty to park nothing
     * @throws Exception for a failure: it is logged and nothing is parked; the view ends as it would have
     */
    default Optional<JsonValue> park() throws Exception {
        return Optional.empty();
    }

    /**
     * Take back the state parked by an earlier instance for the same tab ({@link LiveSession#tabId()}). Fires
     * on join, right after {@code mount} and before the first {@code render}, only when a state was parked and
     * has not expired; the state is removed from the store, so it is resumed once.
     *
     * <p><b>Security Note:</b> the state is what an instance of this view offered, not browser input, but it may
     * come from another version of the application during a rolling deployment: check its shape.
     *
     * @implSpec The default ignores the state.
     *
     * @param state the state as parked
     * @throws Exception for a failure; the view ends (and the state is gone, so the next join starts afresh)
     */
    default void resume(JsonValue state) throws Exception {}

    /**
     * Render the current state. Fires after {@code mount} and after each {@code handleEvent} and
     * {@code handleInfo}, on the same thread as the callback before it. Should be quick and free of side effects.
     *
     * @return the page content, usually {@code SOME_TEMPLATE.with(...)}; never {@code null}
     */
    Rendered render();
}
