package dev.jsctx.liveview;

import static dev.jsctx.liveview.LiveProtocol.KEY_EVENT;
import static dev.jsctx.liveview.LiveProtocol.KEY_PAYLOAD;
import static dev.jsctx.liveview.LiveProtocol.KEY_REF;
import static dev.jsctx.liveview.LiveProtocol.KEY_TOKEN;
import static dev.jsctx.liveview.LiveProtocol.KEY_TYPE;
import static dev.jsctx.liveview.LiveProtocol.KEY_VERSION;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One browser tab's WebSocket: checks the upgrade's origin, reads and checks messages, joins a view and hands
 * it events. One instance per connection; Helidon calls it on the connection's virtual thread, one call at a
 * time. Each refused input gets one log line and an error reply or a close code.
 */
final class LiveSocket implements WsListener {

    private static final System.Logger LOGGER = System.getLogger(LiveSocket.class.getName());

    private final LiveRuntime runtime;
    private volatile WsSession ws;
    /** Helidon runs a connection on one thread and does not call the listener when the peer drops it. */
    private volatile Thread connectionThread;

    private volatile ViewSession view;
    private volatile long lastSeenNanos = System.nanoTime();
    // only touched on the connection's thread
    private StringBuilder fragments;
    private double allowance;
    private long allowanceNanos;
    private boolean limited;

    LiveSocket(LiveRuntime runtime) {
        this.runtime = runtime;
        this.allowance = runtime.config().eventBurst();
        this.allowanceNanos = System.nanoTime();
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !originAllowed(origin.get(), headers)) {
            LOGGER.log(Level.WARNING, () -> "refused WebSocket upgrade from origin " + origin.get());
            throw new WsUpgradeException("origin not allowed: " + origin.get());
        }
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
        runtime.opened(this);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        lastSeenNanos = System.nanoTime();
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
        lastSeenNanos = System.nanoTime();
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        lastSeenNanos = System.nanoTime();
        if (last) {
            refuse(null, "binary messages are not supported");
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        endView();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOGGER.log(Level.WARNING, "WebSocket error, ending its view", t);
        endView();
    }

    /** Called by the sweeper's virtual thread when the browser fell silent. */
    void heartbeatMissed() {
        LOGGER.log(
                Level.INFO,
                () -> "closing WebSocket: no heartbeat for "
                        + runtime.config().heartbeatInterval().multipliedBy(2));
        close(LiveProtocol.CLOSE_HEARTBEAT_TIMEOUT, "heartbeat timeout");
        endView();
        // the connection's thread is blocked reading from a peer that may be gone: wake it so the connection ends
        if (ws instanceof ServerConnection connection) {
            connection.close(true);
        }
    }

    /** Called by the sweeper's virtual thread when the connection ended without a close frame. */
    void connectionDropped() {
        endView();
    }

    void serverStopped() {
        close(LiveProtocol.CLOSE_GOING_AWAY, "server stopping");
        endView();
    }

    private void handle(String text) {
        JsonObject message;
        try (JsonReader reader = RenderedJson.PROVIDER.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            LOGGER.log(Level.INFO, () -> "refused malformed JSON message: " + e.getMessage());
            send(Messages.error("malformed JSON: a message must be one JSON object"));
            return;
        }
        String ref = string(message, KEY_REF);
        if (!allow()) {
            send(Messages.refused(
                    ref,
                    "rate limit exceeded: at most " + runtime.config().eventsPerSecond() + " messages per second"));
            return;
        }
        String type = string(message, KEY_TYPE);
        switch (type == null ? "" : type) {
            case LiveProtocol.TYPE_HEARTBEAT -> send(Messages.ok(ref));
            case LiveProtocol.TYPE_JOIN -> join(ref, message);
            case LiveProtocol.TYPE_EVENT -> event(ref, message);
            default -> refuse(ref, "unknown message type \"" + type + "\"");
        }
    }

    private void join(String ref, JsonObject message) {
        if (view != null) {
            refuse(ref, "already joined");
            return;
        }
        String version = string(message, KEY_VERSION);
        if (!LiveProtocol.PROTOCOL_VERSION.equals(version)) {
            closeRefused(
                    LiveProtocol.CLOSE_VERSION_MISMATCH,
                    "protocol version " + version + " is not supported, " + "expected "
                            + LiveProtocol.PROTOCOL_VERSION);
            return;
        }
        String token = string(message, KEY_TOKEN);
        if (token == null) {
            closeRefused(LiveProtocol.CLOSE_TOKEN_INVALID, "join without a token");
            return;
        }
        JoinTokens.Claims claims;
        try {
            claims = runtime.tokens().verify(token);
        } catch (JoinTokens.InvalidTokenException e) {
            closeRefused(e.code(), e.getMessage());
            return;
        }
        Supplier<? extends LiveView> factory = runtime.route(claims.path());
        if (factory == null) {
            closeRefused(LiveProtocol.CLOSE_NO_ROUTE, "no view at " + claims.path());
            return;
        }
        ViewSession joined = ViewSession.connected(factory.get(), claims.path(), this::send, this::viewFailed);
        view = joined;
        try {
            joined.join(ref, claims.params(), runtime.tokens().sign(claims.path(), claims.params()));
        } catch (ViewSession.ViewFailedException e) {
            viewFailed(e.getMessage());
        }
    }

    private void event(String ref, JsonObject message) {
        ViewSession joined = view;
        if (joined == null) {
            refuse(ref, "not joined: send a join first");
            return;
        }
        String name = string(message, KEY_EVENT);
        if (name == null) {
            refuse(ref, "event without a name");
            return;
        }
        JsonValue payload = message.getOrDefault(KEY_PAYLOAD, JsonValue.EMPTY_JSON_OBJECT);
        if (payload.getValueType() != JsonValue.ValueType.OBJECT) {
            refuse(ref, "event payload must be a JSON object");
            return;
        }
        try {
            joined.event(ref, name, payload.asJsonObject());
        } catch (ViewSession.ViewFailedException e) {
            viewFailed(e.getMessage());
        }
    }

    /** Token bucket: {@code eventBurst} at once, refilled at {@code eventsPerSecond}. Logs once per flood. */
    private boolean allow() {
        long now = System.nanoTime();
        LiveViewConfig config = runtime.config();
        allowance = Math.min(config.eventBurst(), allowance + (now - allowanceNanos) * config.eventsPerSecond() / 1e9);
        allowanceNanos = now;
        if (allowance >= 1) {
            allowance -= 1;
            limited = false;
            return true;
        }
        if (!limited) {
            limited = true;
            LOGGER.log(
                    Level.WARNING,
                    () -> "rate limit exceeded on a WebSocket"
                            + (view == null ? "" : " of view " + view.id())
                            + "; refusing messages until it slows down");
        }
        return false;
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
        closeRefused(LiveProtocol.CLOSE_TOO_BIG, "message larger than " + max + " bytes");
        return true;
    }

    private static long utf8Length(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private void refuse(String ref, String reason) {
        LOGGER.log(Level.INFO, () -> "refused WebSocket message: " + reason);
        send(Messages.refused(ref, reason));
    }

    private void closeRefused(int code, String reason) {
        LOGGER.log(Level.WARNING, () -> "closing WebSocket with " + code + ": " + reason);
        close(code, reason);
        endView();
    }

    private void viewFailed(String reason) {
        close(LiveProtocol.CLOSE_VIEW_FAILED, reason);
        endView();
    }

    private void send(String text) {
        ws.send(text, true);
    }

    private void close(int code, String reason) {
        WsSession session = ws;
        if (session != null) {
            try {
                session.close(code, reason);
            } catch (RuntimeException e) {
                LOGGER.log(Level.DEBUG, "could not send close frame", e);
            }
        }
    }

    private void endView() {
        runtime.closed(this);
        ViewSession joined = view;
        if (joined != null) {
            joined.end();
        }
    }

    private static String string(JsonObject message, String key) {
        return message.get(key) instanceof JsonString text ? text.getString() : null;
    }

    /** Allowed: a configured origin, or (none configured) the page's own host. */
    private boolean originAllowed(String origin, Headers headers) {
        if (!runtime.config().allowedOrigins().isEmpty()) {
            return runtime.config().allowedOrigins().contains(origin);
        }
        Optional<String> host = headers.first(HeaderNames.HOST);
        try {
            URI uri = new URI(origin);
            return host.isPresent()
                    && uri.getAuthority() != null
                    && uri.getAuthority()
                            .toLowerCase(Locale.ROOT)
                            .equals(host.get().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        ViewSession joined = view;
        return "LiveSocket[" + (joined == null ? "not joined" : joined.id()) + "]";
    }
}
