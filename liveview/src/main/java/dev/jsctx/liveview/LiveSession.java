package dev.jsctx.liveview;

/**
 * The session of one view instance, given to {@link LiveView#mount}. It owns the view's resources and carries
 * messages to the view. All methods are thread-safe.
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
     * call, then whenever it changes. Does nothing during the plain HTTP render.
     *
     * @param topic the topic; see {@link PubSub#checkTopic(String)}
     * @throws IllegalArgumentException if the topic is not valid
     */
    void track(String topic);
}
