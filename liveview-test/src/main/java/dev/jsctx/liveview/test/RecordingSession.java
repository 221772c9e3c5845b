package dev.jsctx.liveview.test;

import dev.jsctx.liveview.LiveSession;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LiveSession} that records what is asked of it, for unit tests of code that takes a session (a view's
 * callbacks, a {@link dev.jsctx.liveview.PubSub} subscriber, an application's broadcaster) without a server. It is
 * always {@linkplain #connected() connected}. What it records:
 * <ul>
 *   <li>messages {@linkplain #send(Object) sent} to it, in order: {@link #next()}, {@link #poll(Duration)},
 *       {@link #drained()}; the mailbox has no bound, so {@code send} always returns true;</li>
 *   <li>{@linkplain #pushEvent pushed events}: {@link #pushedEvents()};</li>
 *   <li>{@linkplain #pushPatch patches}, {@linkplain #pushNavigate navigations} and {@linkplain #redirect
 *       redirects}, in order: {@link #navigations()}; URIs are not checked against routes;</li>
 *   <li>the flash: {@link #flash(String)} returns what {@link #putFlash} put, until it is put again;</li>
 *   <li>topics {@linkplain #subscribe subscribed} and {@linkplain #track tracked}: {@link #subscriptions()},
 *       {@link #tracked()} (nothing is delivered for them: hand the session to a
 *       {@link dev.jsctx.liveview.PubSub} for that);</li>
 *   <li>{@linkplain #own owned} resources, closed by {@link #close()} in reverse order, as a view's end closes
 *       them.</li>
 * </ul>
 *
 * <p>Thread-safe, like every session: any thread may call any method, and what one thread recorded is seen by the
 * next read from another.
 */
public final class RecordingSession implements LiveSession, AutoCloseable {

    /** How long {@link #next()} waits: generous, since it returns as soon as a message is there. */
    public static final Duration NEXT_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final List<PushedEvent> pushedEvents = new CopyOnWriteArrayList<>();
    private final List<Navigation> navigations = new CopyOnWriteArrayList<>();
    private final Map<String, String> flash = new ConcurrentHashMap<>();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private final List<String> tracked = new CopyOnWriteArrayList<>();
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private boolean closed;

    private RecordingSession(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * A new session with nothing recorded.
     *
     * @param id its {@link #id()}; its {@link #tabId()} is {@code "tab-" + id}
     * @return the session
     */
    public static RecordingSession create(String id) {
        return new RecordingSession(id);
    }

    /** An event the code under test pushed to the browser. */
    public record PushedEvent(String event, JsonObject payload) {}

    /** A change of page the code under test asked for. */
    public record Navigation(Kind kind, String uri) {
        /** Which method asked for it. */
        public enum Kind {
            /** {@link LiveSession#pushPatch(String)} */
            PATCH,
            /** {@link LiveSession#pushNavigate(String)} */
            NAVIGATE,
            /** {@link LiveSession#redirect(String)} */
            REDIRECT
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean connected() {
        return true;
    }

    /** {@inheritDoc} Closed by {@link #close()}; after it, at once. */
    @Override
    public <T extends AutoCloseable> T own(T resource) {
        Objects.requireNonNull(resource, "resource");
        synchronized (owned) {
            if (!closed) {
                owned.push(resource);
                return resource;
            }
        }
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing a resource owned after the session was closed failed", e);
        }
        return resource;
    }

    /** Keeps the message for {@link #next()}; always true. */
    @Override
    public boolean send(Object message) {
        return received.add(Objects.requireNonNull(message, "message"));
    }

    @Override
    public void pushEvent(String event, JsonObject payload) {
        pushedEvents.add(new PushedEvent(event, payload));
    }

    @Override
    public String tabId() {
        return "tab-" + id;
    }

    @Override
    public void subscribe(String topic) {
        subscriptions.add(topic);
    }

    @Override
    public void track(String topic) {
        tracked.add(topic);
    }

    @Override
    public void pushPatch(String uri) {
        navigations.add(new Navigation(Navigation.Kind.PATCH, uri));
    }

    @Override
    public void pushNavigate(String uri) {
        navigations.add(new Navigation(Navigation.Kind.NAVIGATE, uri));
    }

    @Override
    public void redirect(String uri) {
        navigations.add(new Navigation(Navigation.Kind.REDIRECT, uri));
    }

    @Override
    public void putFlash(String kind, String message) {
        flash.put(kind, message);
    }

    @Override
    public String flash(String kind) {
        return flash.getOrDefault(kind, "");
    }

    /**
     * The next message sent to this session, waiting up to {@link #NEXT_TIMEOUT}.
     *
     * @return the message
     * @throws AssertionError if none came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public Object next() throws InterruptedException {
        return poll(NEXT_TIMEOUT).orElseThrow(() -> new AssertionError(id + " got no message within " + NEXT_TIMEOUT));
    }

    /**
     * The next message sent to this session, waiting up to {@code within}.
     *
     * @param within how long to wait; {@link Duration#ZERO} takes only what is there
     * @return the message, or empty if none came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<Object> poll(Duration within) throws InterruptedException {
        return Optional.ofNullable(received.poll(within.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * Takes every message sent and not taken yet.
     *
     * @return them, in the order they were sent
     */
    public List<Object> drained() {
        List<Object> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** @return the events pushed so far, in order */
    public List<PushedEvent> pushedEvents() {
        return List.copyOf(pushedEvents);
    }

    /** @return the patches, navigations and redirects asked for so far, in order */
    public List<Navigation> navigations() {
        return List.copyOf(navigations);
    }

    /** @return the topics subscribed so far, in order */
    public List<String> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** @return the topics tracked so far, in order */
    public List<String> tracked() {
        return List.copyOf(tracked);
    }

    /**
     * Ends the session as a view's end does: closes the owned resources once, in reverse order of {@link #own}, each
     * even if another failed. Unlike a view, which logs such failures, this throws the first one (the others
     * suppressed by it), so a test sees it. Closing again does nothing.
     *
     * @throws Exception the first resource's failure to close
     */
    @Override
    public void close() throws Exception {
        List<AutoCloseable> toClose;
        synchronized (owned) {
            closed = true;
            toClose = new ArrayList<>(owned);
            owned.clear();
        }
        Exception first = null;
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
