package dev.jsctx.liveview;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 *
 * <p>The topics the view tracks count it only while its tab is connected: {@link #tabAway()} withdraws them while
 * the view waits out its resume window, {@link #tabBack()} tracks them again.
 */
final class ViewSession implements LiveSession {

    private static final System.Logger LOGGER = System.getLogger(ViewSession.class.getName());
    private static final SecureRandom IDS = new SecureRandom();

    private final String id;
    private final LiveView view;
    /** The route's pattern, for logs and the failure log's key. */
    private final String path;

    private final String tabId;
    /** Guarded by lock. */
    private final ViewLocation location;
    /** False for the disconnected HTTP render. */
    private final boolean connected;
    /** Sends one text frame to the browser; guarded by lock, replaced when the view resumes on another socket. */
    private Consumer<String> frames;
    /** Signs the tab's join token for the current URI; guarded by lock, as frames. */
    private Tokens tokens;
    /** Called, outside the lock, after a callback failed and the view ended; guarded by lock, as frames. */
    private Consumer<String> onFailure;
    /** Most {@code handleInfo} messages waiting at once. */
    private final int mailboxCapacity;
    /** The socket's refusal log, shared so that one socket logs at most one refusal per interval. */
    private final RefusalLog refusals;
    /** Where failures of the view's callbacks are logged, shared by every view of the feature. */
    private final FailureLog failures;
    /** PubSub and park store; {@code null} for the disconnected HTTP render. */
    private final ViewServices services;

    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Guards {@link #presences}; held only briefly (never while a callback runs), so that {@link ResumableViews}
     * may take it under its own lock.
     */
    private final Object presenceLock = new Object();

    // guarded by presenceLock
    /** Each tracked topic with its tracking, or with {@code null} while the tab is away; null once ended. */
    private Map<String, PubSub.Subscription> presences = new LinkedHashMap<>(2);

    private boolean tabAway;

    // guarded by lock
    private List<AutoCloseable> owned;
    private boolean ended;
    /** Whether mount (and resume) succeeded: only then is there a state to park. */
    private boolean mounted;
    /** {@link #ended}, for readers without the lock. */
    private volatile boolean endedFlag;

    private Rendered lastSent;
    /** While a view callback runs: the events it pushed, sent after its reply or diff. */
    private List<String> pushes;

    private boolean inCallback;

    // guarded by this
    private ArrayDeque<Object> mailbox;
    private boolean draining;

    private ViewSession(
            LiveView view,
            ViewLocation location,
            Tokens tokens,
            String tabId,
            Consumer<String> frames,
            Consumer<String> onFailure,
            int mailboxCapacity,
            RefusalLog refusals,
            FailureLog failures,
            ViewServices services) {
        this.id = newId();
        this.view = view;
        this.location = location;
        this.path = location.route().pattern();
        this.tokens = tokens;
        this.connected = frames != null;
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
     * @param location where the view is: its route and page URI
     * @param tokens   signs the tab's join token for the view's current URI (join replies and patches carry one)
     * @param frames   sends one text frame to the browser; must not block (the socket's outbound queue)
     */
    static ViewSession connected(
            LiveView view,
            ViewLocation location,
            Tokens tokens,
            String tabId,
            Consumer<String> frames,
            Consumer<String> onFailure,
            int mailboxCapacity,
            RefusalLog refusals,
            FailureLog failures,
            ViewServices services) {
        return new ViewSession(
                view, location, tokens, tabId, frames, onFailure, mailboxCapacity, refusals, failures, services);
    }

    /**
     * Mount, render once and end: the plain HTTP render.
     *
     * @throws ViewFailedException if mount or render failed (the view has ended)
     */
    static Rendered renderOnce(LiveView view, ViewLocation location, String tabId, FailureLog failures) {
        ViewSession session =
                new ViewSession(view, location, null, tabId, null, reason -> {}, 0, new RefusalLog(), failures, null);
        session.lock.lock();
        try {
            // a navigation asked for here is done by the connected mount, which asks again
            session.mountAndTakeParams();
            return session.render();
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
        return connected;
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
        if (services == null) {
            return;
        }
        synchronized (presenceLock) {
            if (presences != null && !presences.containsKey(topic)) {
                presences.put(topic, tabAway ? null : services.pubSub().track(topic, this));
            }
        }
    }

    /**
     * The tab's connection went away and the view waits for a resume: stop counting it in its topics, so the
     * other tabs see it leave at once. Harmless when away already or ended.
     */
    void tabAway() {
        synchronized (presenceLock) {
            if (presences == null || tabAway) {
                return;
            }
            tabAway = true;
            presences.replaceAll((topic, tracking) -> {
                tracking.close();
                return null;
            });
        }
    }

    /**
     * The tab resumed the view on a new connection: count it in its topics again (each sends the view its
     * {@link Presence} soon). Harmless when not away or ended.
     */
    void tabBack() {
        synchronized (presenceLock) {
            if (presences == null || !tabAway) {
                return;
            }
            tabAway = false;
            presences.replaceAll((topic, none) -> services.pubSub().track(topic, this));
        }
    }

    /** The view ended: leave every tracked topic for good. */
    private void untrackAll() {
        Map<String, PubSub.Subscription> toClose;
        synchronized (presenceLock) {
            toClose = presences;
            presences = null;
        }
        if (toClose != null) {
            toClose.values().stream().filter(Objects::nonNull).forEach(PubSub.Subscription::close);
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
        if (!connected) {
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

    @Override
    public void pushEvent(String event, JsonObject payload) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        if (frames == null) {
            return;
        }
        String frame = Messages.pushEvent(event, payload);
        lock.lock();
        try {
            if (ended) {
                return;
            }
            if (inCallback) {
                if (pushes == null) {
                    pushes = new ArrayList<>(2);
                }
                pushes.add(frame);
            } else {
                frames.accept(frame);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a view callback starts; what it pushes waits for {@link #callbackDone()}. */
    private void callbackStarts() {
        inCallback = true;
    }

    /** Under the lock, after the callback's reply or diff was sent: send what it pushed (nothing if it failed). */
    private void callbackDone() {
        inCallback = false;
        List<String> pushed = pushes;
        pushes = null;
        if (pushed != null && !ended) {
            pushed.forEach(frames);
        }
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
    void join(String ref) {
        lock.lock();
        try {
            if (ended) {
                // the socket closed while the join was on its way: mount nothing
                return;
            }
            callbackStarts();
            boolean patched = mountAndTakeParams();
            Rendered rendered = render();
            mounted = true;
            lastSent = rendered;
            if (patched) {
                frames.accept(patchFrame());
            }
            frames.accept(Messages.joined(ref, RenderedJson.full(rendered), currentToken()));
            sendNavigation();
        } catch (Exception e) {
            endUnparked();
            throw failed("mount", "mount", e);
        } finally {
            callbackDone();
            lock.unlock();
        }
    }

    /**
     * Carry on over a new socket, without a new mount: send the join reply with the full tree (what the browser
     * missed while disconnected included) and send every later frame there.
     *
     * @return false if the view has ended meanwhile (nothing was sent)
     * @throws ViewFailedException if render failed (the view has ended)
     */
    boolean resume(String ref, Tokens tokens, Consumer<String> frames, Consumer<String> onFailure) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            this.tokens = tokens;
            this.frames = frames;
            this.onFailure = onFailure;
            Rendered rendered = render();
            lastSent = rendered;
            frames.accept(Messages.joined(ref, RenderedJson.full(rendered), currentToken()));
            return true;
        } catch (Exception e) {
            end();
            throw failed("render", "render", e);
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
            callbackStarts();
            location.browserActed();
            try {
                view.handleEvent(name, payload);
            } catch (EventRejectedException e) {
                location.forgetPending();
                refusals.refused(
                        Level.INFO,
                        () -> "view " + path + " (" + id + ") refused event " + LogText.quote(name) + ": "
                                + LogText.quote(e.getMessage()));
                frames.accept(Messages.refused(ref, e.getMessage()));
                return;
            }
            boolean patched = takePatches();
            JsonObject diff = renderDiff();
            if (patched) {
                frames.accept(patchFrame());
            }
            frames.accept(Messages.ok(ref, diff));
            sendNavigation();
        } catch (Exception e) {
            endUnparked();
            throw failed("handleEvent", "handleEvent(" + LogText.quote(name) + ")", e);
        } finally {
            callbackDone();
            lock.unlock();
        }
    }

    /**
     * Patch the page to another URI of this view, as the browser asked (a link, back or forward): then
     * {@code handleParams}, render, and the reply with the diff and the token for the new URI.
     *
     * @throws ViewFailedException if a callback failed (the view has ended)
     */
    void patch(String ref, Routes.PageUri to, Routes.Match match) {
        lock.lock();
        try {
            if (ended) {
                frames.accept(Messages.refused(ref, "view has ended"));
                return;
            }
            if (match.route() != location.route()) {
                frames.accept(Messages.refused(ref, "the URI is another view's: navigate to it"));
                return;
            }
            callbackStarts();
            location.browserActed();
            location.moveTo(to, match);
            view.handleParams(location.params(), to.toUri());
            takePatches();
            JsonObject diff = renderDiff();
            frames.accept(Messages.patched(ref, diff, location.uri().uri(), currentToken()));
            sendNavigation();
        } catch (Exception e) {
            endUnparked();
            throw failed("handleParams", "handleParams", e);
        } finally {
            callbackDone();
            lock.unlock();
        }
    }

    /** The flash to hand to the view this one navigates to. */
    Map<String, String> flashForNext() {
        lock.lock();
        try {
            return location.flashForNext();
        } finally {
            lock.unlock();
        }
    }

    /** Take the flash of the view that navigated here, before the join. */
    void receiveFlash(Map<String, String> flash) {
        lock.lock();
        try {
            location.receiveFlash(flash);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pushPatch(String uri) {
        requireCallback("pushPatch");
        location.pushPatch(uri);
    }

    @Override
    public void pushNavigate(String uri) {
        requireCallback("pushNavigate");
        location.pushNavigate(uri);
    }

    @Override
    public void redirect(String uri) {
        requireCallback("redirect");
        location.redirect(uri);
    }

    @Override
    public void putFlash(String kind, String message) {
        requireCallback("putFlash");
        location.putFlash(kind, message);
    }

    @Override
    public String flash(String kind) {
        lock.lock();
        try {
            return location.flash(kind);
        } finally {
            lock.unlock();
        }
    }

    private void requireCallback(String method) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(method + " must be called from the view's callbacks");
        }
    }

    /**
     * Mount, then resume the tab's parked state if it has one, then handleParams, then any patches they asked for;
     * true if they patched the URI.
     */
    private boolean mountAndTakeParams() throws Exception {
        view.mount(location.params(), this);
        Optional<JsonValue> parked = takeParked();
        if (parked.isPresent()) {
            view.resume(parked.get());
        }
        view.handleParams(location.params(), location.uri().toUri());
        return takePatches();
    }

    /** Run handleParams for each patch the last callback asked for; true if there was one. */
    private boolean takePatches() throws Exception {
        boolean patched = false;
        for (int i = 0; location.takePatch(i); i++) {
            patched = true;
            view.handleParams(location.params(), location.uri().toUri());
        }
        return patched;
    }

    private String patchFrame() {
        return Messages.patch(location.uri().uri(), currentToken());
    }

    private String currentToken() {
        return tokens.forPage(location.uri(), id);
    }

    /** Send the navigation or redirect the last callback asked for, after its reply or push. */
    private void sendNavigation() {
        String frame = location.takeNavigationFrame();
        if (frame != null) {
            frames.accept(frame);
        }
    }

    private Rendered render() {
        Rendered rendered = Objects.requireNonNull(view.render(), "render() returned null");
        location.rendered();
        return rendered;
    }

    /**
     * End the view and close what it owns, parking its state first if it has one; harmless when already ended.
     * Waits for a running callback.
     */
    void end() {
        end(true);
    }

    /** End the view without parking its state, as when the tab navigates to another view. */
    void endWithoutParking() {
        end(false);
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
        untrackAll();
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
        Consumer<String> failed = null;
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            callbackStarts();
            view.handleInfo(message);
            boolean patched = takePatches();
            JsonObject diff = renderDiff();
            if (patched) {
                frames.accept(patchFrame());
            }
            if (!diff.isEmpty()) {
                frames.accept(Messages.pushed(diff));
            }
            sendNavigation();
            return true;
        } catch (Exception e) {
            endUnparked();
            failure = failed("handleInfo", "handleInfo", e).getMessage();
            failed = onFailure;
            return false;
        } finally {
            callbackDone();
            lock.unlock();
            if (failed != null) {
                failed.accept(failure);
            }
        }
    }

    private JsonObject renderDiff() {
        Rendered rendered = render();
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

    /** Signs the tab's join token for a page URI of a view. */
    @FunctionalInterface
    interface Tokens {
        /**
         * @param uri    the view's current page URI
         * @param viewId the view's id, for a resume
         */
        String forPage(Routes.PageUri uri, String viewId);
    }

    /** A view callback failed; the view has ended. The message is safe to show to the browser. */
    static final class ViewFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ViewFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
