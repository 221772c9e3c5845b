package dev.jsctx.liveview;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs one view instance: its callbacks one at a time under {@link #lock}, its owned resources, its mailbox of
 * {@code handleInfo} messages, and the last rendered tree sent to the browser (for diffs).
 *
 * <p>Every message to the browser that depends on the rendered tree is sent while holding the lock, so the
 * browser receives diffs in the order they were computed.
 *
 * <p>A connected view that mounted and ends for any reason but its own failure offers its state to the park
 * store first ({@link LiveView#park()}); a join takes the tab's parked state back ({@link LiveView#resume}).
 */
final class ViewSession implements LiveSession {

    private static final System.Logger LOGGER = System.getLogger(ViewSession.class.getName());
    private static final SecureRandom IDS = new SecureRandom();

    private final String id;
    private final LiveView view;
    private final String path;
    private final String tabId;
    /** Sends one text frame to the browser; {@code null} for the disconnected HTTP render. */
    private final Consumer<String> frames;
    /** Called, outside the lock, after a callback failed and the view ended. */
    private final Consumer<String> onFailure;
    /** Most {@code handleInfo} messages waiting at once. */
    private final int mailboxCapacity;
    /** The socket's refusal log, shared so that one socket logs at most one refusal per interval. */
    private final RefusalLog refusals;
    /** Where failures of the view's callbacks are logged, shared by every view of the feature. */
    private final FailureLog failures;
    /** PubSub and park store; {@code null} for the disconnected HTTP render. */
    private final ViewServices services;

    private final ReentrantLock lock = new ReentrantLock();

    // guarded by lock
    private List<AutoCloseable> owned;
    private boolean ended;
    /** Whether mount (and resume) succeeded: only then is there a state to park. */
    private boolean mounted;
    /** {@link #ended}, for readers without the lock. */
    private volatile boolean endedFlag;

    private Rendered lastSent;

    // guarded by this
    private ArrayDeque<Object> mailbox;
    private boolean draining;

    private ViewSession(
            LiveView view,
            String path,
            String tabId,
            Consumer<String> frames,
            Consumer<String> onFailure,
            int mailboxCapacity,
            RefusalLog refusals,
            FailureLog failures,
            ViewServices services) {
        this.id = newId();
        this.view = view;
        this.path = path;
        this.tabId = tabId;
        this.services = services;
        this.frames = frames;
        this.onFailure = onFailure;
        this.mailboxCapacity = mailboxCapacity;
        this.refusals = refusals;
        this.failures = failures;
    }

    /**
     * A view joined over a WebSocket.
     *
     * @param frames sends one text frame to the browser; must not block (the socket's outbound queue)
     */
    static ViewSession connected(
            LiveView view,
            String path,
            String tabId,
            Consumer<String> frames,
            Consumer<String> onFailure,
            int mailboxCapacity,
            RefusalLog refusals,
            FailureLog failures,
            ViewServices services) {
        return new ViewSession(view, path, tabId, frames, onFailure, mailboxCapacity, refusals, failures, services);
    }

    /**
     * Mount, render once and end: the plain HTTP render.
     *
     * @throws ViewFailedException if mount or render failed (the view has ended)
     */
    static Rendered renderOnce(
            LiveView view, String path, String tabId, Map<String, String> params, FailureLog failures) {
        ViewSession session =
                new ViewSession(view, path, tabId, null, reason -> {}, 0, new RefusalLog(), failures, null);
        session.lock.lock();
        try {
            session.view.mount(params, session);
            return Objects.requireNonNull(session.view.render(), "render() returned null");
        } catch (Exception e) {
            throw session.failed("render", "mount", e);
        } finally {
            session.endUnparked();
            session.lock.unlock();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean connected() {
        return frames != null;
    }

    @Override
    public String tabId() {
        return tabId;
    }

    @Override
    public void subscribe(String topic) {
        PubSub.checkTopic(topic);
        if (services != null) {
            own(services.pubSub().subscribe(topic, this));
        }
    }

    @Override
    public void track(String topic) {
        PubSub.checkTopic(topic);
        if (services != null) {
            own(services.pubSub().track(topic, this));
        }
    }

    @Override
    public <T extends AutoCloseable> T own(T resource) {
        Objects.requireNonNull(resource, "resource");
        lock.lock();
        try {
            if (!ended) {
                if (owned == null) {
                    owned = new ArrayList<>(2);
                }
                owned.add(resource);
                return resource;
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(resource);
        return resource;
    }

    @Override
    public boolean send(Object message) {
        if (frames == null) {
            return false;
        }
        synchronized (this) {
            if (ended()) {
                return false;
            }
            if (mailbox == null) {
                mailbox = new ArrayDeque<>(4);
            }
            if (mailbox.size() >= mailboxCapacity) {
                refusals.refused(
                        Level.WARNING,
                        () -> "view " + path + " (" + id + ") dropped a handleInfo message: its mailbox holds "
                                + mailboxCapacity);
                return false;
            }
            mailbox.add(message);
            if (draining) {
                return true;
            }
            draining = true;
        }
        Thread.ofVirtual().name("jsctx-liveview-info-" + id).start(this::drainMailbox);
        return true;
    }

    private boolean ended() {
        // a racy read is fine: a message accepted just before the end is dropped by info()
        return endedFlag;
    }

    /**
     * Mount and render, then send the join reply with the full tree.
     *
     * @throws ViewFailedException if mount or render failed (the view has ended)
     */
    void join(String ref, Map<String, String> params, String freshToken) {
        lock.lock();
        try {
            if (ended) {
                // the socket closed while the join was on its way: mount nothing
                return;
            }
            view.mount(params, this);
            Optional<JsonValue> parked = takeParked();
            if (parked.isPresent()) {
                view.resume(parked.get());
            }
            Rendered rendered = Objects.requireNonNull(view.render(), "render() returned null");
            mounted = true;
            lastSent = rendered;
            frames.accept(Messages.joined(ref, RenderedJson.full(rendered), freshToken));
        } catch (Exception e) {
            endUnparked();
            throw failed("mount", "mount", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Run an event and send its reply: the diff, or the reason it was refused.
     *
     * @throws ViewFailedException if the callback failed (the view has ended)
     */
    void event(String ref, String name, JsonObject payload) {
        lock.lock();
        try {
            if (ended) {
                frames.accept(Messages.refused(ref, "view has ended"));
                return;
            }
            try {
                view.handleEvent(name, payload);
            } catch (EventRejectedException e) {
                refusals.refused(
                        Level.INFO,
                        () -> "view " + path + " (" + id + ") refused event " + LogText.quote(name) + ": "
                                + LogText.quote(e.getMessage()));
                frames.accept(Messages.refused(ref, e.getMessage()));
                return;
            }
            frames.accept(Messages.ok(ref, renderDiff()));
        } catch (Exception e) {
            endUnparked();
            throw failed("handleEvent", "handleEvent(" + LogText.quote(name) + ")", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * End the view and close what it owns, parking its state first if it has one; harmless when already ended.
     * Waits for a running callback.
     */
    void end() {
        end(true);
    }

    /** End the view after its own failure: its state may be broken, so nothing is parked. */
    private void endUnparked() {
        end(false);
    }

    private void end(boolean park) {
        List<AutoCloseable> toClose;
        lock.lock();
        try {
            if (ended) {
                return;
            }
            if (park && mounted) {
                park();
            }
            ended = true;
            endedFlag = true;
            toClose = owned;
            owned = null;
            lastSent = null;
        } finally {
            lock.unlock();
        }
        if (toClose != null) {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                closeQuietly(toClose.get(i));
            }
        }
    }

    /** The tab's parked state, taken out of the store; empty if none or the store failed. */
    private Optional<JsonValue> takeParked() {
        if (services == null) {
            return Optional.empty();
        }
        try {
            return services.parkStore().take(tabId);
        } catch (RuntimeException e) {
            services.storeFailures()
                    .refused(
                            Level.WARNING,
                            () -> "view " + path + " (" + id + ") could not read its parked state, joins afresh: "
                                    + LogText.quote(e));
            return Optional.empty();
        }
    }

    // guarded by lock; the view's owned resources are still open
    private void park() {
        Optional<JsonValue> state;
        try {
            state = view.park();
        } catch (Exception e) {
            failures.failed(path, "park", () -> "view " + path + " (" + id + ") failed in park, parks nothing", e);
            return;
        }
        if (state == null || state.isEmpty()) {
            return;
        }
        try {
            services.parkStore().park(tabId, state.get());
        } catch (RuntimeException e) {
            services.storeFailures()
                    .refused(
                            Level.WARNING,
                            () -> "view " + path + " (" + id + ") could not park its state, it is lost: "
                                    + LogText.quote(e));
        }
    }

    private void drainMailbox() {
        while (true) {
            Object message;
            synchronized (this) {
                // a message leaves the mailbox once it has run, so the capacity counts the running one too
                message = mailbox.peek();
                if (message == null) {
                    draining = false;
                    return;
                }
            }
            boolean goOn = info(message);
            synchronized (this) {
                mailbox.poll();
            }
            if (!goOn) {
                synchronized (this) {
                    mailbox.clear();
                    draining = false;
                }
                return;
            }
        }
    }

    /** Run one info message; false when the view has ended. */
    private boolean info(Object message) {
        String failure = null;
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            view.handleInfo(message);
            JsonObject diff = renderDiff();
            if (!diff.isEmpty()) {
                frames.accept(Messages.pushed(diff));
            }
            return true;
        } catch (Exception e) {
            endUnparked();
            failure = failed("handleInfo", "handleInfo", e).getMessage();
            return false;
        } finally {
            lock.unlock();
            if (failure != null) {
                onFailure.accept(failure);
            }
        }
    }

    private JsonObject renderDiff() {
        Rendered rendered = Objects.requireNonNull(view.render(), "render() returned null");
        JsonObject diff = RenderedJson.diff(lastSent, rendered);
        lastSent = rendered;
        return diff;
    }

    /**
     * @param kind     the kind of callback, the key of its {@link FailureLog} entry ({@code "render"} for the
     *                 HTTP render, so a failing page and a failing join are each logged)
     * @param callback the callback as logged, client values quoted
     */
    private ViewFailedException failed(String kind, String callback, Exception cause) {
        failures.failed(path, kind, () -> "view " + path + " (" + id + ") failed in " + callback + " and ended", cause);
        // the cause stays in the server log: its message may hold details the browser must not see
        return new ViewFailedException("view failed");
    }

    private void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "view " + path + " (" + id + ") could not close " + resource, e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        IDS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A view callback failed; the view has ended. The message is safe to show to the browser. */
    static final class ViewFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ViewFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
