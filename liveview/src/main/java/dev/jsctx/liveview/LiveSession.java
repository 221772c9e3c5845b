package dev.jsctx.liveview;

import jakarta.json.JsonObject;

/**
 * The session of one view instance, given to {@link LiveView#mount}. It owns the view's resources and carries
 * messages to the view. All methods are thread-safe.
 *
 * <p>Not for implementation outside liveview: the feature makes one per view, and this interface gains methods as
 * views learn to do more (without defaults, so that no session silently lacks one). In tests of code that takes a
 * session, use {@code dev.jsctx.liveview.test.RecordingSession} of the {@code jsctx-liveview-test} module, which
 * follows each new method.
 */
public interface LiveSession {

    /**
     * A random id of this view instance, unique while the server runs; handy in logs and as a key.
     *
     * @return the id
     */
    String id();

    /**
     * Whether this view is connected over a WebSocket; {@code false} during the plain HTTP render, which ends
     * right after the first {@link LiveView#render()}.
     *
     * @return whether the view is connected
     */
    boolean connected();

    /**
     * Make this session own a resource: it is closed exactly once, when the view ends (socket closed or failed,
     * heartbeats missed, server stopped, a callback failed, or {@code mount} failed after this call). Resources
     * close in reverse order of {@code own}; a failure to close one is logged and does not stop the others.
     * A resource handed over after the view ended is closed at once.
     *
     * @param resource the resource
     * @param <T>      its type
     * @return the same resource, for {@code var context = session.own(pool.open(spec));}
     */
    <T extends AutoCloseable> T own(T resource);

    /**
     * Send a message to this view: it runs later as {@link LiveView#handleInfo(Object)}, and the changes it
     * causes are pushed to the browser. Returns at once; callable from any thread, also from the view's own
     * callbacks. Messages run in the order they were sent.
     *
     * <p>The mailbox is bounded ({@link LiveViewConfig#mailboxCapacity()}, default 256): when it is full the
     * message is dropped (one log line per interval) and this returns false, so a producer faster than the
     * view cannot grow the heap. Messages are also dropped when the view has ended or is not connected.
     *
     * @param message any object
     * @return true if the message was queued, false if it was dropped
     */
    boolean send(Object message);

    /**
     * Push an event to the browser, for the client hooks that listen to it ({@code this.handleEvent(name, callback)}
     * in a {@code data-jsctx-hook}); no DOM changes by itself. Callable from any thread. Called from one of the
     * view's callbacks, the event goes out right after that callback's reply or diff, so hooks see the DOM the
     * callback rendered; called from another thread, it waits until a callback of the view that is running has
     * finished. Events go out in the order they were pushed. Dropped when the view is not connected (the HTTP
     * render) or has ended, or when the callback that pushed it fails.
     *
     * @param event   the event's name
     * @param payload the event's values, as the hook's callback receives them
     */
    void pushEvent(String event, JsonObject payload);

    /**
     * The id of the browser tab this view serves: random, made when the page was rendered, carried by its join
     * token, and the same for every instance that tab joins (after a reconnect, on any node that shares the
     * secret). It keys the tab's {@linkplain LiveView#park() parked state}.
     *
     * @return the tab's id, 22 URL-safe characters
     */
    String tabId();

    /**
     * Subscribe this view to a topic of the feature's {@link PubSub}, until the view ends: each message
     * broadcast to it arrives as a {@link Broadcast} in {@link LiveView#handleInfo(Object)}, through the bounded
     * mailbox of {@link #send(Object)}. Does nothing during the plain HTTP render ({@link #connected()} false).
     *
     * @param topic the topic; see {@link PubSub#checkTopic(String)}
     * @throws IllegalArgumentException if the topic is not valid
     */
    void subscribe(String topic);

    /**
     * Count this tab as present in a topic of the feature's {@link PubSub}, until the view ends, and get the
     * topic's {@link Presence} (tabs on every node) in {@link LiveView#handleInfo(Object)}: soon after this
     * call, then whenever it changes. While the tab's connection is gone and the view waits for it to resume
     * ({@link LiveViewConfig#resumeWindow()}), the tab is not counted and gets no presence; a resume counts it
     * again and sends the count soon. Tracking a topic twice counts the tab once. Does nothing during the plain
     * HTTP render.
     *
     * @param topic the topic; see {@link PubSub#checkTopic(String)}
     * @throws IllegalArgumentException if the topic is not valid
     */
    void track(String topic);

    /**
     * Change the page's URI to another one of this view, after the current callback: the browser adds a history
     * entry, {@link LiveView#handleParams} runs with the new params, and the changes are rendered. Call it from
     * the view's callbacks only; the last call in a callback wins.
     *
     * @param uri a same-origin path of this view's route, such as {@code "/rooms/lobby?tab=2"}
     * @throws IllegalArgumentException if the URI is not a same-origin path or belongs to no route or another one
     * @throws IllegalStateException    if called outside the view's callbacks
     */
    void pushPatch(String uri);

    /**
     * Go to another view over the same connection, after the current callback: this view ends, the view of the
     * URI's route mounts, and the browser adds a history entry. The flash goes along. Call it from the view's
     * callbacks only; the last navigation asked for in a callback wins.
     *
     * @param uri a same-origin path of a live view's route
     * @throws IllegalArgumentException if the URI is not a same-origin path or belongs to no route
     * @throws IllegalStateException    if called outside the view's callbacks
     */
    void pushNavigate(String uri);

    /**
     * Make the browser load another page, after the current callback (a full page load; this view's connection
     * goes with the page, and the view ends after {@link LiveViewConfig#resumeWindow()}). The flash does not go
     * along. Call it from the view's callbacks only.
     *
     * @param uri a same-origin path, such as {@code "/login"}
     * @throws IllegalArgumentException if the URI is not a same-origin path
     * @throws IllegalStateException    if called outside the view's callbacks
     */
    void redirect(String uri);

    /**
     * Show a message once: {@link #flash(String)} returns it to the renders that follow until the browser's next
     * event after it was first rendered, also across a {@link #pushNavigate} (the next view's first renders show
     * it). Call it from the view's callbacks only.
     *
     * @param kind    such as {@code "info"} or {@code "error"}
     * @param message the text; a template escapes it like any value
     * @throws IllegalStateException if called outside the view's callbacks
     */
    void putFlash(String kind, String message);

    /**
     * The flash message of a kind, for {@link LiveView#render()}.
     *
     * @param kind such as {@code "info"}
     * @return the message, or {@code ""} when there is none
     */
    String flash(String kind);
}
