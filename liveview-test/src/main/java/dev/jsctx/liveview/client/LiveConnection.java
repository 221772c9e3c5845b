package dev.jsctx.liveview.client;

import dev.jsctx.liveview.LiveProtocol;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One tab's WebSocket to a live-view server, opened by {@link LiveClient#connect()}: join a view, send events,
 * and read the view's current HTML, kept up to date from the join's full render and every diff since.
 *
 * <h2>Requests and replies</h2>
 * {@link #join}, {@link #event} and {@link #heartbeat} send a message with a fresh ref ({@code "1"}, {@code "2"},
 * … in call order) and wait for the reply with that ref; their {@code …Async} forms return at once. An error reply
 * is returned, not thrown. Messages that answer none of these requests ({@code diff} pushes, {@code error}s,
 * replies to {@link #send raw sends}) are kept for {@link #next()}, up to {@link LiveClient.Builder#keptMessages}.
 *
 * <h2>Threading and order</h2>
 * Thread-safe. Messages go out in the order the calls that send them are made (each call's message is queued
 * behind the previous one's), so the server handles them in that order. Received messages are handled one at a
 * time, in arrival order, on the client's I/O threads: the rendered tree is updated before the reply that carried
 * the change completes, so after {@code event(...)} returns, {@link #dynamic} and {@link #html} show its effect.
 * Asynchronous replies complete on those I/O threads: keep the code chained to them short and never block in it.
 *
 * <h2>Failures</h2>
 * Blocking calls throw {@link LiveClientException} when the connection is closed before the answer or no answer
 * comes within {@link LiveClient#timeout()}. Asynchronous requests complete exceptionally with a
 * {@link LiveClientException}, or with a {@link TimeoutException} after {@link LiveClient#timeout()}.
 */
public final class LiveConnection implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(LiveConnection.class.getName());
    private static final JsonProvider JSON_PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory JSON = JSON_PROVIDER.createBuilderFactory(null);
    private static final CompletableFuture<Void> NOTHING_SENT = CompletableFuture.completedFuture(null);

    private final LiveClient client;
    private final AtomicLong refs = new AtomicLong();
    private final Map<String, CompletableFuture<LiveReply>> pending = new ConcurrentHashMap<>();
    private final BlockingDeque<JsonObject> kept;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = NOTHING_SENT; // guarded by sendLock
    private volatile WebSocket socket;
    private volatile RenderedTree tree;
    private volatile ScheduledFuture<?> heartbeats;

    LiveConnection(LiveClient client) {
        this.client = client;
        this.kept = client.keptMessages() == 0 ? null : new LinkedBlockingDeque<>(client.keptMessages());
    }

    WebSocket.Listener listener() {
        return new Receiver();
    }

    LiveConnection opened(WebSocket webSocket) {
        socket = webSocket;
        heartbeats = client.scheduleHeartbeats(this::heartbeatInBackground);
        if (closed.isDone()) {
            stopHeartbeats();
        }
        return this;
    }

    /**
     * Joins the view named by a page's token and waits for the reply; on success the reply's full render becomes
     * this connection's rendered tree.
     *
     * @param token a join token, such as {@link LivePage#token()}
     * @return the reply: {@code ok} with {@code rendered} and a fresh {@code token}, or an error
     * @throws LiveClientException if the connection closes first (as it does for a refused token, with the close
     *                             code in {@link #closeCode()}) or no reply comes in time
     */
    public LiveReply join(String token) {
        return awaitReply(joinAsync(token), "join");
    }

    /**
     * Sends a join without waiting.
     *
     * @param token a join token
     * @return completes with the reply
     */
    public CompletableFuture<LiveReply> joinAsync(String token) {
        return request(
                LiveProtocol.TYPE_JOIN,
                message -> message.add(LiveProtocol.KEY_VERSION, LiveProtocol.PROTOCOL_VERSION)
                        .add(LiveProtocol.KEY_TOKEN, token));
    }

    /**
     * Sends an event with an empty payload and waits for the reply.
     *
     * @param name the event's name, as in {@code data-jsctx-click="inc"}
     * @return the reply: {@code ok} with a {@code diff}, or an error with a reason
     * @throws LiveClientException if the connection closes first or no reply comes in time
     */
    public LiveReply event(String name) {
        return event(name, Map.of());
    }

    /**
     * Sends an event and waits for the reply; its diff is applied to the rendered tree before this returns.
     *
     * @param name    the event's name
     * @param payload the event's values, as a form or {@code data-jsctx-value-*} attributes send them
     * @return the reply: {@code ok} with a {@code diff}, or an error with a reason
     * @throws LiveClientException if the connection closes first or no reply comes in time
     */
    public LiveReply event(String name, Map<String, String> payload) {
        return awaitReply(eventAsync(name, payload), "event " + name);
    }

    /**
     * Sends an event without waiting.
     *
     * @param name    the event's name
     * @param payload the event's values
     * @return completes with the reply, after its diff is applied
     */
    public CompletableFuture<LiveReply> eventAsync(String name, Map<String, String> payload) {
        JsonObjectBuilder values = JSON.createObjectBuilder();
        payload.forEach(values::add);
        return request(
                LiveProtocol.TYPE_EVENT,
                message -> message.add(LiveProtocol.KEY_EVENT, name).add(LiveProtocol.KEY_PAYLOAD, values));
    }

    /**
     * Asks the view to show another URI of its route, as a {@code data-jsctx-patch} link or the back button does,
     * and waits for the reply; its diff is applied to the rendered tree before this returns.
     *
     * @param uri a same-origin path, such as {@code "/rooms/lobby?tab=2"}
     * @return the reply: {@code ok} with a {@code diff}, the {@code uri} shown and a fresh {@code token}, or an
     *     error with a reason
     * @throws LiveClientException if the connection closes first or no reply comes in time
     */
    public LiveReply patch(String uri) {
        return awaitReply(request(LiveProtocol.TYPE_PATCH, message -> message.add(LiveProtocol.KEY_URI, uri)), "patch");
    }

    /**
     * Replaces the view with the view of another URI over this connection, as a {@code data-jsctx-navigate} link
     * does, and waits for the reply; its full render becomes the rendered tree.
     *
     * @param uri a same-origin path of a live view
     * @return the reply: {@code ok} with {@code rendered} and a fresh {@code token}, or an error with a reason
     * @throws LiveClientException if the connection closes first or no reply comes in time
     */
    public LiveReply navigate(String uri) {
        return awaitReply(
                request(LiveProtocol.TYPE_NAVIGATE, message -> message.add(LiveProtocol.KEY_URI, uri)), "navigate");
    }

    /**
     * Sends a heartbeat and waits for the reply.
     *
     * @return the reply, {@code ok} unless refused (rate limit)
     * @throws LiveClientException if the connection closes first or no reply comes in time
     */
    public LiveReply heartbeat() {
        return awaitReply(request(LiveProtocol.TYPE_HEARTBEAT, message -> {}), "heartbeat");
    }

    /**
     * Sends any text as one message, as is, and waits until it is written: for tests of what the server does
     * with bad input. A reply to it is kept for {@link #next()} (give it a ref no request of this connection
     * uses, or none).
     *
     * @param text the message
     * @throws LiveClientException if the connection is closed or the write does not finish in time
     */
    public void send(String text) {
        await(sendAsync(text), client.timeout(), "sending a message");
    }

    /**
     * Sends any text as one message without waiting.
     *
     * @param text the message
     * @return completes when the message is written
     */
    public CompletableFuture<Void> sendAsync(String text) {
        synchronized (sendLock) {
            // The JDK's WebSocket allows one outstanding send: queue behind the previous one, whatever its outcome.
            CompletableFuture<?> previous = lastSend;
            CompletableFuture<WebSocket> sent = previous.isDone()
                    ? socket.sendText(text, true)
                    : previous.handle((ignored, error) -> null).thenCompose(ignored -> socket.sendText(text, true));
            lastSend = sent;
            return sent.thenApply(ignored -> null);
        }
    }

    /**
     * Takes the oldest kept message that answered no request of this connection, waiting for one if needed.
     *
     * @return the message
     * @throws LiveClientException if none arrives within the client's time-out
     * @throws IllegalStateException if the client keeps no messages
     */
    public JsonObject next() {
        if (kept == null) {
            throw new IllegalStateException("this client keeps no messages (keptMessages is 0)");
        }
        try {
            JsonObject message = kept.pollFirst(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new LiveClientException("no message from the server within " + client.timeout()
                        + (closed.isDone() ? "; the connection is closed" : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveClientException("interrupted while waiting for a message", e);
        }
    }

    /**
     * Takes the oldest kept message that answered no request of this connection, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the message, or empty if none came in time
     * @throws IllegalStateException if the client keeps no messages
     */
    public Optional<JsonObject> poll(Duration timeout) {
        if (kept == null) {
            throw new IllegalStateException("this client keeps no messages (keptMessages is 0)");
        }
        try {
            return Optional.ofNullable(kept.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveClientException("interrupted while waiting for a message", e);
        }
    }

    /**
     * The current HTML of one dynamic slot of the view: {@code dynamic(0)} is the first hole of the view's
     * template, {@code dynamic(2, 1)} the second hole of the template in its third hole.
     *
     * @param path positions of dynamics, outermost first
     * @return the slot's HTML (escaped text, or a nested template's or list's whole HTML)
     * @throws IllegalStateException    if the connection has not joined
     * @throws IllegalArgumentException if the path leads to no dynamic
     */
    public String dynamic(int... path) {
        return currentTree().dynamic(path);
    }

    /**
     * @return the view's current HTML, the content of its container
     * @throws IllegalStateException if the connection has not joined
     */
    public String html() {
        return currentTree().html();
    }

    /**
     * @return whether a join succeeded, so there is a rendered tree
     */
    public boolean joined() {
        return tree != null;
    }

    /**
     * Waits for the connection to close.
     *
     * @return the close code the server sent, such as {@link LiveProtocol#CLOSE_HEARTBEAT_TIMEOUT}
     * @throws LiveClientException if it does not close within the client's time-out or fails instead
     */
    public int closeCode() {
        return await(closed, client.timeout(), "waiting for the connection to close");
    }

    /**
     * @return completes with the close code when the server closes the connection, or exceptionally when it fails
     */
    public CompletableFuture<Integer> closed() {
        return closed.copy();
    }

    /**
     * Closes normally: sends a close frame (1000) and waits for the server's, then releases the connection. Does
     * nothing more if the connection is closed already.
     */
    @Override
    public void close() {
        stopHeartbeats();
        if (!closed.isDone()) {
            try {
                CompletableFuture<WebSocket> sent;
                synchronized (sendLock) {
                    sent = lastSend.handle((ignored, error) -> null)
                            .thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
                    lastSend = sent;
                }
                sent.thenCompose(ignored -> closed).get(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOGGER.log(System.Logger.Level.DEBUG, "no clean close, dropping the connection", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        abort();
    }

    /**
     * Drops the connection at once, without a close frame, as a crashed browser would.
     */
    public void abort() {
        stopHeartbeats();
        socket.abort();
        failPending("the connection was dropped by this client");
    }

    @Override
    public String toString() {
        return "LiveConnection[" + (tree != null ? "joined" : "not joined") + (closed.isDone() ? ", closed" : "") + "]";
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LiveClientException("no answer within " + timeout + ": " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw new LiveClientException("no answer within " + timeout + ": " + what);
            }
            throw new LiveClientException(what + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveClientException("interrupted: " + what, e);
        }
    }

    private LiveReply awaitReply(CompletableFuture<LiveReply> reply, String what) {
        return await(reply, client.timeout(), what);
    }

    private CompletableFuture<LiveReply> request(String type, Consumer<JsonObjectBuilder> fields) {
        String ref = Long.toString(refs.incrementAndGet());
        JsonObjectBuilder message =
                JSON.createObjectBuilder().add(LiveProtocol.KEY_TYPE, type).add(LiveProtocol.KEY_REF, ref);
        fields.accept(message);
        CompletableFuture<LiveReply> reply = new CompletableFuture<>();
        pending.put(ref, reply);
        reply.whenComplete((ignored, error) -> pending.remove(ref, reply));
        if (closed.isDone()) {
            reply.completeExceptionally(closedException());
            return reply;
        }
        sendAsync(message.build().toString()).whenComplete((ignored, error) -> {
            if (error != null) {
                reply.completeExceptionally(new LiveClientException("could not send " + type, error));
            }
        });
        return reply.orTimeout(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void heartbeatInBackground() {
        request(LiveProtocol.TYPE_HEARTBEAT, message -> {}).whenComplete((reply, error) -> {
            if (error != null) {
                LOGGER.log(System.Logger.Level.DEBUG, "heartbeat failed", error);
            }
        });
    }

    private RenderedTree currentTree() {
        RenderedTree current = tree;
        if (current == null) {
            throw new IllegalStateException("not joined: no rendered tree yet");
        }
        return current;
    }

    /** Handles one whole message from the server; called by the receiver, one message at a time. */
    private void received(String text) {
        JsonObject message;
        try (JsonReader reader = JSON_PROVIDER.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            LOGGER.log(
                    System.Logger.Level.WARNING,
                    () -> "ignored a server message that is no JSON object: " + LivePage.abbreviate(text));
            return;
        }
        try {
            applyRendering(message);
        } catch (RuntimeException e) {
            LOGGER.log(
                    System.Logger.Level.WARNING,
                    () -> "could not apply a server message to the rendered tree: " + e.getMessage() + ": "
                            + LivePage.abbreviate(text));
        }
        String ref = string(message, LiveProtocol.KEY_REF);
        CompletableFuture<LiveReply> reply =
                LiveProtocol.TYPE_REPLY.equals(string(message, LiveProtocol.KEY_TYPE)) && ref != null
                        ? pending.get(ref)
                        : null;
        if (reply != null) {
            reply.complete(new LiveReply(message));
        } else if (kept != null) {
            while (!kept.offerLast(message)) {
                kept.pollFirst();
            }
        }
    }

    private void applyRendering(JsonObject message) {
        RenderedTree.Statics statics = client.statics();
        if (message.get(LiveProtocol.KEY_RENDERED) instanceof JsonObject rendered) {
            tree = RenderedTree.parse(rendered, statics);
        }
        if (message.get(LiveProtocol.KEY_DIFF) instanceof JsonObject diff && tree != null) {
            tree = tree.merge(diff, statics);
        }
    }

    private void closedBy(int code, String reason) {
        closed.complete(code);
        stopHeartbeats();
        failPending("the connection closed with code " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }

    private void failedWith(Throwable error) {
        closed.completeExceptionally(error);
        stopHeartbeats();
        failPending("the connection failed: " + error);
    }

    private void failPending(String why) {
        for (CompletableFuture<LiveReply> reply : pending.values()) {
            reply.completeExceptionally(new LiveClientException(why));
        }
    }

    private LiveClientException closedException() {
        return new LiveClientException(
                "the connection is closed" + (closed.isCompletedExceptionally() ? "" : " with code " + closed.join()));
    }

    private void stopHeartbeats() {
        ScheduledFuture<?> scheduled = heartbeats;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private static String string(JsonObject message, String key) {
        return message.get(key) instanceof JsonString text ? text.getString() : null;
    }

    /** Receives messages in order, joining fragments; asks for the next message only after handling one. */
    private final class Receiver implements WebSocket.Listener {
        private StringBuilder fragments;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                if (fragments == null) {
                    fragments = new StringBuilder();
                }
                fragments.append(data);
            } else if (fragments != null) {
                fragments.append(data);
                String whole = fragments.toString();
                fragments = null;
                received(whole);
            } else {
                received(data.toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedBy(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failedWith(error);
        }
    }
}
