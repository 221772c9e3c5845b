package dev.jsctx.liveview;

import static dev.jsctx.liveview.LiveProtocol.KEY_EVENT;
import static dev.jsctx.liveview.LiveProtocol.KEY_PAYLOAD;
import static dev.jsctx.liveview.LiveProtocol.KEY_TOKEN;
import static dev.jsctx.liveview.LiveProtocol.KEY_TYPE;
import static dev.jsctx.liveview.LiveProtocol.KEY_URI;
import static dev.jsctx.liveview.LiveProtocol.KEY_VERSION;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One browser tab's WebSocket: checks the upgrade, admits the socket and its join, charges every frame to the
 * rate limit before reading it, parses and checks messages, joins a view and hands it events; frames to the
 * browser go through a bounded {@link Outbound} queue. One instance per connection; Helidon calls it on the
 * connection's virtual thread, one call at a time.
 *
 * <p>Every refused input gets an error reply or a close code with a fixed reason, and at most one log line
 * per {@link RefusalLog#INTERVAL_NANOS}; a socket that keeps sending refused input is closed. Once the server
 * has sent its close frame nothing more is read: the connection is cut after {@link #CLOSE_GRACE_MILLIS} if the
 * client does not close it first.
 */
final class LiveSocket implements WsListener {

    /** How long a closed socket's peer has to answer the close frame before the connection is cut. */
    static final long CLOSE_GRACE_MILLIS = 2000;
    /** RFC 6455: control frames carry at most 125 bytes. */
    private static final int MAX_CONTROL_PAYLOAD = 125;
    /** How long a join waits for its tab's ending view to park its state (one call into its context, normally). */
    private static final Duration ENDING_VIEW_WAIT = Duration.ofSeconds(5);

    private static final System.Logger LOGGER = System.getLogger(LiveSocket.class.getName());

    private final LiveRuntime runtime;
    private final RefusalLog refusals = new RefusalLog();
    private volatile WsSession ws;
    private volatile Outbound outbound;
    /** Helidon runs a connection on one thread and does not call the listener when the peer drops it. */
    private volatile Thread connectionThread;

    private volatile String client = "unknown";
    private volatile long lastSeenNanos = System.nanoTime();
    /** The hash of the session cookie the upgrade sent, or {@code null}; a token must be bound to it. */
    private volatile String binding;

    // guarded by this
    private boolean closing;
    private boolean ended;
    private boolean socketAdmitted;
    private ViewSession view;
    private String viewToken;
    /** The claims of the token this socket joined with: its binding and page render time go into every refresh. */
    private JoinTokens.Claims joinedClaims;

    // only touched on the connection's thread
    private StringBuilder fragments;
    private boolean discarding;
    private final TokenBucket rate;
    private final TokenBucket refusalBudget;

    LiveSocket(LiveRuntime runtime) {
        this.runtime = runtime;
        LiveViewConfig config = runtime.config();
        long now = System.nanoTime();
        this.rate = new TokenBucket(config.eventBurst(), config.eventsPerSecond(), now);
        this.refusalBudget = new TokenBucket(config.maxRefusalsPerMinute(), config.maxRefusalsPerMinute() / 60.0, now);
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** When the write in progress started, or 0 when none is. */
    long writingSinceNanos() {
        Outbound out = outbound;
        return out == null ? 0 : out.writingSinceNanos();
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        String refusal = runtime.origins().upgradeRefusal(headers);
        if (refusal != null) {
            LOGGER.log(Level.WARNING, () -> "refused WebSocket upgrade: " + refusal);
            throw new WsUpgradeException("origin or host not allowed");
        }
        binding = SessionCookie.of(headers).map(SessionCookie::binding).orElse(null);
        return Optional.empty();
    }

    boolean connectionAlive() {
        Thread thread = connectionThread;
        return thread == null || thread.isAlive();
    }

    @Override
    public void onOpen(WsSession session) {
        ws = session;
        connectionThread = Thread.currentThread();
        client = clientOf(session);
        outbound = new Outbound(
                runtime.config().outboundQueueFrames(),
                new SessionWriter(session),
                () -> drop("its outbound queue is full"),
                "jsctx-liveview-write");
        runtime.opened(this);
        CloseReason refused = runtime.admission().socketOpened(client);
        if (refused != null) {
            closeRefused(refused, "client " + client);
            return;
        }
        synchronized (this) {
            socketAdmitted = true;
            if (ended) {
                runtime.admission().socketClosed(client);
            }
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (closing()) {
            return;
        }
        lastSeenNanos = System.nanoTime();
        outbound.writeOnReturn(() -> {
            try {
                receive(text, last);
            } catch (RuntimeException e) {
                // a bug of ours, not the client's: never let it reach Helidon, which would log and echo it
                LOGGER.log(Level.ERROR, "failed on a WebSocket message, closing the socket", e);
                closeAndEnd(CloseReason.INTERNAL, false);
            }
        });
        lastSeenNanos = System.nanoTime();
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (closing()) {
            return;
        }
        lastSeenNanos = System.nanoTime();
        closeRefused(CloseReason.BINARY, "binary frame");
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        if (closing()) {
            return;
        }
        lastSeenNanos = System.nanoTime();
        if (!charged()) {
            return;
        }
        if (buffer.available() > MAX_CONTROL_PAYLOAD) {
            closeRefused(CloseReason.PROTOCOL_ERROR, "ping over " + MAX_CONTROL_PAYLOAD + " bytes");
            return;
        }
        byte[] payload = new byte[buffer.available()];
        buffer.read(payload);
        outbound.writeOnReturn(() -> outbound.pong(payload));
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        if (!closing()) {
            lastSeenNanos = System.nanoTime();
            charged();
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        // the client's reason is its own text: never logged, never echoed
        endSession(true);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOGGER.log(Level.WARNING, () -> "WebSocket error, ending its view: " + LogText.quote(t));
        LOGGER.log(Level.DEBUG, "WebSocket error", t);
        endSession(true);
    }

    /** Called by the sweeper's virtual thread when the browser fell silent. */
    void heartbeatMissed() {
        LOGGER.log(
                Level.INFO,
                () -> "closing WebSocket: no heartbeat for "
                        + runtime.config().heartbeatInterval().multipliedBy(2));
        closeAndEnd(CloseReason.HEARTBEAT_TIMEOUT, true);
    }

    /** Called by the sweeper's virtual thread when the connection ended without a close frame. */
    void connectionDropped() {
        endSession(true);
    }

    /** Cut a socket whose peer stopped reading: no close frame (it would not be read), the view ends. */
    void drop(String why) {
        synchronized (this) {
            if (ended) {
                return;
            }
            closing = true;
        }
        LOGGER.log(Level.WARNING, () -> "dropping WebSocket of client " + client + ": " + why);
        hardClose();
        endSession(true);
    }

    /** The server stops: the view parks its state and ends before the browser hears of it, then the socket closes. */
    void serverStopped() {
        ViewSession joined = joinedView();
        if (joined != null) {
            joined.end();
        }
        closeAndEnd(CloseReason.GOING_AWAY, false);
    }

    /**
     * Another socket resumed this socket's view (the tab came back before this connection was seen to drop):
     * close without ending the view.
     */
    void letGo(ViewSession resumed) {
        synchronized (this) {
            if (view != resumed) {
                return;
            }
            view = null;
            viewToken = null;
        }
        closeAndEnd(CloseReason.RESUMED_ELSEWHERE, false);
    }

    /**
     * Cut the TCP connection: stop the writer (its blocked write would hold Helidon's send lock, which the
     * connection's thread takes on its way out) and wake the connection's thread, which may be blocked reading
     * from a silent peer.
     */
    void hardClose() {
        Outbound out = outbound;
        if (out != null) {
            out.abort();
        }
        if (ws instanceof ServerConnection connection) {
            connection.close(true);
        }
    }

    private void receive(String text, boolean last) {
        if (!rate.tryTake(System.nanoTime())) {
            // answer with the ref when the frame is a whole message, so the client's request completes
            String ref = last && fragments == null && !discarding ? refOf(text) : null;
            discarding = !last;
            fragments = null;
            refuseRateLimited(ref);
            return;
        }
        if (discarding) {
            discarding = !last;
            return;
        }
        String message = text;
        if (!last || fragments != null) {
            if (fragments == null) {
                fragments = new StringBuilder();
            }
            fragments.append(text);
            if (tooBig(fragments)) {
                return;
            }
            if (!last) {
                return;
            }
            message = fragments.toString();
            fragments = null;
        }
        if (!tooBig(message)) {
            handle(message);
        }
    }

    /**
     * Charge one frame to the rate limit, before anything reads it; a frame over the limit is refused (an
     * error reply) and counts against the refusal budget.
     */
    private boolean charged() {
        if (rate.tryTake(System.nanoTime())) {
            return true;
        }
        refuseRateLimited(null);
        return false;
    }

    private void refuseRateLimited(String ref) {
        refuse(ref, "rate limit exceeded: at most " + runtime.config().eventsPerSecond() + " messages per second", "");
    }

    /** The ref of a message over the rate limit; parsing it is paid for by the refusal budget. */
    private String refOf(String text) {
        if (text.length() > runtime.config().maxFrameBytes() || !refusalBudget.peek(System.nanoTime())) {
            return null;
        }
        try {
            return ClientMessages.ref(ClientMessages.parse(text));
        } catch (ClientMessages.MalformedMessageException e) {
            return null;
        }
    }

    private void handle(String text) {
        JsonObject message;
        try {
            message = ClientMessages.parse(text);
        } catch (ClientMessages.MalformedMessageException e) {
            if (strike()) {
                refusals.refused(Level.INFO, () -> "refused malformed JSON message (" + e.getMessage() + ")");
                outbound.text(Messages.error("malformed JSON: a message must be one JSON object"));
            }
            return;
        }
        String ref = ClientMessages.ref(message);
        String type = ClientMessages.string(message, KEY_TYPE);
        switch (type == null ? "" : type) {
            case LiveProtocol.TYPE_HEARTBEAT -> outbound.text(Messages.ok(ref));
            case LiveProtocol.TYPE_JOIN -> join(ref, message);
            case LiveProtocol.TYPE_EVENT -> event(ref, message);
            case LiveProtocol.TYPE_PATCH -> patch(ref, message);
            case LiveProtocol.TYPE_NAVIGATE -> navigate(ref, message);
            default -> refuse(ref, "unknown message type", " " + LogText.quote(type));
        }
    }

    private void join(String ref, JsonObject message) {
        if (joinedView() != null) {
            refuse(ref, "already joined", "");
            return;
        }
        String version = ClientMessages.string(message, KEY_VERSION);
        if (!LiveProtocol.PROTOCOL_VERSION.equals(version)) {
            closeRefused(CloseReason.VERSION_MISMATCH, "client sent version " + LogText.quote(version));
            return;
        }
        String token = ClientMessages.string(message, KEY_TOKEN);
        if (token == null) {
            closeRefused(CloseReason.TOKEN_INVALID, "join without a token");
            return;
        }
        JoinTokens.Claims claims;
        try {
            claims = runtime.tokens().verify(token);
        } catch (JoinTokens.InvalidTokenException e) {
            closeRefused(e.close(), e.getMessage());
            return;
        }
        if (!claims.binding().equals(binding)) {
            closeRefused(CloseReason.TOKEN_INVALID, "token bound to another session cookie than this socket's");
            return;
        }
        Routes.Match match = matchOf(claims.path());
        if (match == null) {
            closeRefused(CloseReason.NO_ROUTE, "no view at " + LogText.quote(claims.path()));
            return;
        }
        synchronized (this) {
            joinedClaims = claims;
        }
        if (claims.viewId() != null && resumed(ref, claims)) {
            return;
        }
        CloseReason refused = runtime.admission().joining(client, claims.id());
        if (refused != null) {
            closeRefused(refused, "client " + client);
            return;
        }
        mount(ref, match, Routes.PageUri.of(claims.path(), claims.params()), claims.id(), Map.of());
    }

    /**
     * Mount a new view and send the join reply.
     *
     * @param tokenId what admission counted the view under
     * @param flash   the flash of the view this one was navigated from
     */
    private void mount(String ref, Routes.Match match, Routes.PageUri uri, String tokenId, Map<String, String> flash) {
        String pattern = match.route().pattern();
        ViewSession joined;
        try {
            joined = ViewSession.connected(
                    match.route().factory().get(),
                    new ViewLocation(runtime.routes(), match, uri),
                    this::tokenFor,
                    joinedTabId(),
                    outbound::text,
                    this::viewFailed,
                    runtime.config().mailboxCapacity(),
                    refusals,
                    runtime.failures(),
                    runtime.viewServices());
        } catch (RuntimeException e) {
            runtime.admission().viewEnded(tokenId);
            runtime.failures().failed(pattern, "factory", () -> "view factory for " + pattern + " failed", e);
            viewFailed("view factory failed");
            return;
        }
        joined.receiveFlash(flash);
        synchronized (this) {
            if (closing) {
                // the socket closed (heartbeat time-out, server stop) while this join was checked
                runtime.admission().viewEnded(tokenId);
                return;
            }
            view = joined;
            viewToken = tokenId;
        }
        ResumableViews resumable = runtime.resumable();
        if (resumable.enabled()) {
            // a view of this tab whose resume window just ended may still be parking the state this join takes
            resumable.awaitEnding(joined.tabId(), ENDING_VIEW_WAIT);
            resumable.joined(joined, tokenId, binding, this);
        }
        try {
            joined.join(ref);
        } catch (ViewSession.ViewFailedException e) {
            viewFailed(e.getMessage());
        }
    }

    private synchronized String joinedTabId() {
        return joinedClaims.tabId();
    }

    /** The tab's join token for the page its view shows now; it names the view when views can resume. */
    private String tokenFor(Routes.PageUri uri, String viewId) {
        JoinTokens.Claims claims;
        synchronized (this) {
            claims = joinedClaims;
        }
        return runtime.tokens()
                .refresh(claims, uri.path(), uri.query(), runtime.resumable().enabled() ? viewId : null);
    }

    /** The route of a path from a token, or {@code null}. */
    private Routes.Match matchOf(String path) {
        try {
            return runtime.routes().match(path).orElse(null);
        } catch (Routes.InvalidUriException e) {
            return null;
        }
    }

    /** The browser asks to show another URI of the same view: a link, back or forward. */
    private void patch(String ref, JsonObject message) {
        ViewSession joined = joinedView();
        if (joined == null) {
            refuse(ref, "not joined: send a join first", "");
            return;
        }
        Located to = located(ref, message);
        if (to != null) {
            try {
                joined.patch(ref, to.uri(), to.match());
            } catch (ViewSession.ViewFailedException e) {
                viewFailed(e.getMessage());
            }
        }
    }

    /**
     * The browser asks for the view of another URI over this socket: the current view ends for good (its flash
     * goes along) and the new one mounts; the reply is a join reply.
     */
    private void navigate(String ref, JsonObject message) {
        ViewSession left = joinedView();
        if (left == null) {
            refuse(ref, "not joined: send a join first", "");
            return;
        }
        Located to = located(ref, message);
        if (to == null) {
            return;
        }
        CloseReason refused = runtime.admission().resuming(client);
        if (refused != null) {
            closeRefused(refused, "client " + client);
            return;
        }
        String tokenId;
        synchronized (this) {
            if (view != left) {
                return; // closed or taken over meanwhile
            }
            view = null;
            tokenId = viewToken;
        }
        Map<String, String> flash = left.flashForNext();
        // not parked: the next view serves the same tab and would take this view's state as its own
        left.endWithoutParking();
        runtime.resumable().ended(left);
        mount(ref, to.match(), to.uri(), tokenId, flash);
    }

    /** The checked URI of a patch or navigate message and its route; {@code null} after refusing it. */
    private Located located(String ref, JsonObject message) {
        String uri = ClientMessages.string(message, KEY_URI);
        try {
            Routes.PageUri checked = Routes.parse(uri);
            Routes.Match match = runtime.routes().match(checked.path()).orElse(null);
            if (match == null) {
                refuse(ref, "no live view at this URI", " " + LogText.quote(uri));
                return null;
            }
            return new Located(checked, match);
        } catch (Routes.InvalidUriException e) {
            refuse(ref, e.getMessage(), " " + LogText.quote(uri));
            return null;
        }
    }

    private record Located(Routes.PageUri uri, Routes.Match match) {}

    /**
     * Resume the view the token names, if it still waits for this tab: no mount, the join reply carries its
     * current render.
     *
     * @return false if there is no such view (the resume window passed, the server restarted, it failed): the
     *     caller joins afresh with the same token
     */
    private boolean resumed(String ref, JoinTokens.Claims claims) {
        ResumableViews resumable = runtime.resumable();
        ResumableViews.Resumed resumed = resumable.claim(claims.viewId(), claims.binding(), this);
        if (resumed == null) {
            return false;
        }
        ViewSession joined = resumed.view();
        CloseReason refused = runtime.admission().resuming(client);
        if (refused != null) {
            resumable.disconnected(joined, this);
            closeRefused(refused, "client " + client);
            return true;
        }
        if (resumed.previousOwner() != null) {
            resumed.previousOwner().letGo(joined);
        }
        synchronized (this) {
            if (closing) {
                resumable.disconnected(joined, this);
                return true;
            }
            view = joined;
            viewToken = resumed.tokenId();
        }
        boolean carriedOn;
        try {
            carriedOn = joined.resume(ref, this::tokenFor, outbound::text, this::viewFailed);
        } catch (ViewSession.ViewFailedException e) {
            viewFailed(e.getMessage());
            return true;
        }
        if (!carriedOn) {
            // it failed while it waited: give back what admission counted for it, and mount afresh
            synchronized (this) {
                view = null;
                viewToken = null;
            }
            resumable.ended(joined);
            runtime.admission().viewEnded(resumed.tokenId());
        }
        return carriedOn;
    }

    private void event(String ref, JsonObject message) {
        ViewSession joined = joinedView();
        if (joined == null) {
            refuse(ref, "not joined: send a join first", "");
            return;
        }
        String name = ClientMessages.string(message, KEY_EVENT);
        if (name == null) {
            refuse(ref, "event without a name", "");
            return;
        }
        JsonValue payload = message.getOrDefault(KEY_PAYLOAD, JsonValue.EMPTY_JSON_OBJECT);
        String problem = ClientMessages.payloadProblem(payload, runtime.config().maxValueChars());
        if (problem != null) {
            refuse(ref, problem, " in event " + LogText.quote(name));
            return;
        }
        try {
            joined.event(ref, name, payload.asJsonObject());
        } catch (ViewSession.ViewFailedException e) {
            viewFailed(e.getMessage());
        }
    }

    private boolean tooBig(CharSequence text) {
        int max = runtime.config().maxFrameBytes();
        // a char takes 1 to 3 bytes in UTF-8: count exactly only when it matters
        if (text.length() * 3L <= max) {
            return false;
        }
        if (text.length() <= max && utf8Length(text) <= max) {
            return false;
        }
        fragments = null;
        closeRefused(CloseReason.TOO_BIG, "message larger than " + max + " bytes");
        return true;
    }

    private static long utf8Length(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Count one refusal; false (and the socket closed) when the refusal budget is spent. */
    private boolean strike() {
        if (refusalBudget.tryTake(System.nanoTime())) {
            return true;
        }
        closeRefused(CloseReason.ABUSE, "more than " + runtime.config().maxRefusalsPerMinute() + " refusals a minute");
        return false;
    }

    /**
     * Refuse one message with an error reply.
     *
     * @param reason sent to the client and logged: fixed text or numbers of ours, never client text
     * @param detail for the log only; client values in it quoted with {@link LogText#quote(Object)}
     */
    private void refuse(String ref, String reason, String detail) {
        if (strike()) {
            refusals.refused(Level.INFO, () -> "refused WebSocket message: " + reason + detail);
            outbound.text(Messages.refused(ref, reason));
        }
    }

    /** Close for a refusal, with one log line (a socket closes once, so this cannot flood the log). */
    private void closeRefused(CloseReason reason, String detail) {
        if (beginClosing()) {
            LOGGER.log(
                    Level.WARNING,
                    () -> "closing WebSocket with " + reason.code() + " (" + reason.reason() + "): " + detail);
            finishClosing(reason, false);
        }
    }

    private void viewFailed(String reason) {
        closeAndEnd(CloseReason.VIEW_FAILED, false);
    }

    /**
     * Send the close frame, stop reading, cut the connection after the grace period, and end the view.
     *
     * @param resumable whether the tab may come back for the view within the resume window
     */
    private void closeAndEnd(CloseReason reason, boolean resumable) {
        if (beginClosing()) {
            finishClosing(reason, resumable);
        }
    }

    /** From now on nothing is read; false if the socket was closing already. */
    private synchronized boolean beginClosing() {
        if (closing) {
            return false;
        }
        closing = true;
        return true;
    }

    private void finishClosing(CloseReason reason, boolean resumable) {
        Outbound out = outbound;
        if (out != null) {
            out.close(reason);
        }
        runtime.later(CLOSE_GRACE_MILLIS, this::hardClose);
        endSession(resumable);
    }

    /**
     * Leave the sweep set, give back what admission counted, and end the view, or leave it waiting for its tab
     * (see {@link ResumableViews}); once.
     *
     * @param resumable whether the connection went away in a way the tab may come back from
     */
    private void endSession(boolean resumable) {
        ViewSession joined;
        String token;
        boolean admitted;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            closing = true;
            joined = view;
            token = viewToken;
            admitted = socketAdmitted;
        }
        runtime.closed(this);
        if (admitted) {
            runtime.admission().socketClosed(client);
        }
        if (joined != null && !(resumable && runtime.resumable().disconnected(joined, this))) {
            joined.end();
            runtime.resumable().ended(joined);
            runtime.admission().viewEnded(token);
        }
    }

    private synchronized boolean closing() {
        return closing;
    }

    private synchronized ViewSession joinedView() {
        return view;
    }

    private static String clientOf(WsSession session) {
        SocketAddress address = session.socketContext().remotePeer().address();
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(address);
    }

    @Override
    public String toString() {
        ViewSession joined = joinedView();
        return "LiveSocket[" + (joined == null ? "not joined" : joined.id()) + "]";
    }

    /** Writes queued frames to Helidon's session, on the connection's thread or the outbound writer thread. */
    private record SessionWriter(WsSession session) implements Outbound.Writer {
        @Override
        public void text(String text) {
            session.send(text, true);
        }

        @Override
        public void pong(byte[] payload) {
            session.pong(BufferData.create(payload));
        }

        @Override
        public void close(CloseReason reason) {
            session.close(reason.code(), reason.reason());
        }
    }
}
