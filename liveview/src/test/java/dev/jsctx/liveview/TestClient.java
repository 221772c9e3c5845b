package dev.jsctx.liveview;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A browser stand-in on the JDK's WebSocket client: fetch a page, join its view, send events, read replies. */
final class TestClient implements WebSocket.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern TOKEN = Pattern.compile(LiveProtocol.ATTR_TOKEN + "=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private int ref;

    private TestClient(int port, String origin) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(URI.create("ws://localhost:" + port + LiveProtocol.WS_PATH), this)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    static TestClient open(int port) throws Exception {
        return new TestClient(port, null);
    }

    static TestClient openFrom(int port, String origin) throws Exception {
        return new TestClient(port, origin);
    }

    static String page(int port, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    static String tokenOf(String page) {
        Matcher matcher = TOKEN.matcher(page);
        assertTrue(matcher.find(), "page has no token: " + page);
        return matcher.group(1);
    }

    /** Join with a fresh token of the page at {@code path}; returns the join reply. */
    JsonObject join(int port, String path) throws Exception {
        return join(tokenOf(page(port, path)));
    }

    JsonObject join(String token) throws Exception {
        send("{\"type\":\"join\",\"ref\":\"" + (++ref) + "\",\"version\":\"1\",\"token\":\"" + token + "\"}");
        return next();
    }

    JsonObject event(String name, String payloadJson) throws Exception {
        send("{\"type\":\"event\",\"ref\":\"" + (++ref) + "\",\"event\":\"" + name + "\",\"payload\":"
             + payloadJson + "}");
        return next();
    }

    JsonObject event(String name) throws Exception {
        return event(name, "{}");
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    JsonObject next() throws InterruptedException {
        String text = messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(text, "no message from the server within " + TIMEOUT);
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Send a close frame and wait for the server's. */
    void closeNormally() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(WebSocket.NORMAL_CLOSURE, closeCode());
    }

    int closeCode() throws Exception {
        return closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    /** Drop the connection without a close frame, as a crashed browser would. */
    @Override
    public void close() {
        socket.abort();
    }
}
