package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@ServerTest
class LiveViewIT {

    private static final int MAX_FRAME = 4096;
    private static final int BURST = 10;
    private static final String SECRET = "a test secret, at least 32 bytes long";
    private static final JoinTokens TOKENS = new JoinTokens(
            SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), Duration.ofHours(1), Clock.systemUTC());

    private final int port;
    private final LiveClient live;

    LiveViewIT(WebServer server) {
        this.port = server.port();
        this.live = LiveClient.create(URI.create("http://localhost:" + port));
        // a browser that has loaded a page: its sockets carry the session cookie the pages' tokens are bound to
        live.page("/");
    }

    @AfterEach
    void closeClient() {
        live.close();
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        server.addFeature(LiveViewFeature.builder()
                .config(LiveViewConfig.builder()
                        .secret(SECRET)
                        .maxFrameBytes(MAX_FRAME)
                        .eventsPerSecond(1)
                        .eventBurst(BURST)
                        .build())
                .layout(PageLayout.standard("Test <page>", ""))
                .view("/", TestView::new)
                .build());
    }

    @Test
    void plainGetRendersFullEscapedPageAndClosesWhatTheViewOwned() throws Exception {
        String page = live.get("/?message=%3Cscript%3Ealert(1)%3C/script%3E");
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<title>Test &lt;page&gt;</title>"), page);
        assertTrue(
                page.matches("(?s).*<script type=\"module\" src=\"/live/js/[0-9a-f]{16}/jsctx\\.js\"></script>.*"),
                page);
        assertTrue(page.contains("<p id=\"count\">0</p>"), page);
        assertTrue(page.contains("<p id=\"message\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"), page);
        assertFalse(page.contains("<script>alert"), page);
        String sid = page.replaceAll("(?s).*<p id=\"sid\">([0-9a-f]+)</p>.*", "$1");
        assertEquals(1, TestView.RESOURCES.get(sid).closes.get());
    }

    @Test
    void clientScriptIsServed() throws Exception {
        assertTrue(live.get("/live/js/jsctx.js").contains("connectView"));
        assertTrue(live.get("/live/js/constants.js").contains("PROTOCOL_VERSION"));
    }

    @Test
    void joinReplyHoldsStaticsDynamicsAndFreshToken() throws Exception {
        try (LiveConnection client = live.connect()) {
            LiveReply reply = client.join(live.page("/?message=hi").token());
            assertEquals("reply", reply.json().getString("type"));
            assertEquals("1", reply.ref());
            assertTrue(reply.ok());
            JsonObject rendered = reply.rendered();
            assertEquals("<p id=\"count\">", rendered.getJsonArray("s").getString(0));
            assertEquals("0", rendered.getString("0"));
            assertEquals("hi", rendered.getString("2"));
            assertFalse(reply.token().isEmpty());
        }
    }

    @Test
    void eventReplyHoldsOnlyChangedDynamics() throws Exception {
        try (LiveConnection client = live.connect()) {
            client.join(live.page("/").token());
            LiveReply reply = client.event("inc");
            assertTrue(reply.ok());
            assertEquals("{\"0\":\"1\"}", reply.diff().toString());
            LiveReply added = client.event("item", Map.of("text", "<b>"));
            assertEquals(
                    "{\"3\":{\"s\":[\"<li>\",\"</li>\"],\"d\":[[\"&lt;b&gt;\"]]}}",
                    added.diff().toString());
            LiveReply second = client.event("item", Map.of("text", "c"));
            assertEquals(
                    "{\"3\":{\"d\":[[\"&lt;b&gt;\"],[\"c\"]]}}", second.diff().toString());
            assertEquals("1", client.dynamic(0));
            assertEquals("<li>&lt;b&gt;</li><li>c</li>", client.dynamic(3));
            assertTrue(client.html().startsWith("<p id=\"count\">1</p><p id=\"sid\">"), client.html());
            assertTrue(
                    client.html().endsWith("<p id=\"message\"></p><ul><li>&lt;b&gt;</li><li>c</li></ul>"),
                    client.html());
        }
    }

    @Test
    void handleInfoPushesDiff() throws Exception {
        try (LiveConnection client = live.connect()) {
            client.join(live.page("/").token());
            assertEquals(
                    "{}", client.event("push", Map.of("text", "pushed")).diff().toString());
            JsonObject push = client.next();
            assertEquals("diff", push.getString("type"));
            assertEquals("{\"2\":\"pushed\"}", push.getJsonObject("diff").toString());
            assertEquals("pushed", client.dynamic(2));
        }
    }

    @Test
    void twoSocketsHaveSeparateState() throws Exception {
        try (LiveConnection a = live.connect();
                LiveConnection b = live.connect()) {
            a.join(live.page("/").token());
            b.join(live.page("/").token());
            a.event("inc");
            a.event("inc");
            assertEquals("{\"0\":\"1\"}", b.event("inc").diff().toString());
            assertEquals("{\"0\":\"3\"}", a.event("inc").diff().toString());
        }
    }

    @Test
    void closingSocketClosesWhatTheViewOwnsOnce() throws Exception {
        try (LiveConnection client = live.connect()) {
            TestView.Resource resource =
                    TestView.resourceOf(client.join(live.page("/").token()));
            assertEquals(0, resource.closes.get());
            client.close();
            assertEquals(WebSocket.NORMAL_CLOSURE, client.closeCode());
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
        }
    }

    @Test
    void droppedConnectionClosesWhatTheViewOwnsOnce() throws Exception {
        LiveConnection client = live.connect();
        TestView.Resource resource =
                TestView.resourceOf(client.join(live.page("/").token()));
        client.abort();
        assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
        assertEquals(1, resource.closes.get());
    }

    @Test
    void unknownEventGetsErrorReplyAndViewGoesOn() throws Exception {
        try (LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            client.join(live.page("/").token());
            client.event("inc");
            LiveReply reply = client.event("nope");
            assertFalse(reply.ok());
            assertEquals("unknown event \"nope\"", reply.reason());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertEquals("{\"0\":\"2\"}", client.event("inc").diff().toString());
        }
    }

    @Test
    void malformedJsonGetsErrorAndStateIsKept() throws Exception {
        try (LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            client.join(live.page("/").token());
            client.event("inc");
            client.send("{not json");
            JsonObject error = client.next();
            assertEquals("error", error.getString("type"));
            assertEquals("malformed JSON: a message must be one JSON object", error.getString("reason"));
            client.send("[1,2]");
            assertEquals("error", client.next().getString("type"));
            // one refusal line per socket per interval
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertEquals("{\"0\":\"2\"}", client.event("inc").diff().toString());
        }
    }

    @Test
    void unknownMessageTypeAndEventBeforeJoinGetErrorReplies() throws Exception {
        try (LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            client.send("{\"type\":\"launch\",\"ref\":\"7\"}");
            JsonObject reply = client.next();
            assertEquals("7", reply.getString("ref"));
            assertEquals("unknown message type", reply.getString("reason"));
            assertEquals("not joined: send a join first", client.event("inc").reason());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(client.join(live.page("/").token()).ok());
        }
    }

    @Test
    void heartbeatIsAnswered() throws Exception {
        try (LiveConnection client = live.connect()) {
            client.send("{\"type\":\"heartbeat\",\"ref\":\"h1\"}");
            JsonObject reply = client.next();
            assertEquals("h1", reply.getString("ref"));
            assertEquals("ok", reply.getString("status"));
        }
    }

    @Test
    void oversizedMessageClosesOnlyItsSocket() throws Exception {
        try (LiveConnection other = joinedWithCount(1);
                LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            TestView.Resource resource =
                    TestView.resourceOf(client.join(live.page("/").token()));
            client.send("{\"type\":\"event\",\"ref\":\"9\",\"event\":\"item\",\"payload\":{\"text\":\""
                    + "x".repeat(MAX_FRAME) + "\"}}");
            assertEquals(LiveProtocol.CLOSE_TOO_BIG, client.closeCode());
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void missingForgedAndExpiredTokensCloseWithTheirCodes() throws Exception {
        try (LiveConnection other = joinedWithCount(1)) {
            String token = live.page("/").token();
            String forged = "x" + token.substring(1);
            assertJoinRefused("{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\"}", LiveProtocol.CLOSE_TOKEN_INVALID);
            assertJoinRefused(
                    "{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\",\"token\":\"" + forged + "\"}",
                    LiveProtocol.CLOSE_TOKEN_INVALID);
            assertJoinRefused(
                    "{\"type\":\"join\",\"ref\":\"1\",\"version\":\"0\",\"token\":\"" + token + "\"}",
                    LiveProtocol.CLOSE_VERSION_MISMATCH);
            JoinTokens past = new JoinTokens(
                    SECRET.getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(1),
                    Duration.ofHours(12),
                    Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
            assertJoinRefused(
                    joinMessage(past.sign("/", Map.of(), "any binding", JoinTokens.newTabId())),
                    LiveProtocol.CLOSE_TOKEN_EXPIRED);
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void tokenJoinsOnlyWithThePagesSessionCookie() throws Exception {
        TestPage page = TestPage.get(port, "/");
        try (LogCapture log = LogCapture.start();
                RawWebSocket withoutCookie = RawWebSocket.connect(port)) {
            // a token copied out of the page, used without the browser's HttpOnly cookie
            withoutCookie.sendText(joinMessage(page.token()));
            assertEquals(
                    LiveProtocol.CLOSE_TOKEN_INVALID,
                    withoutCookie.readUntilClose().closeCode());
            assertTrue(
                    log.lines().get(0).contains("session cookie"), log.lines().toString());
        }
        try (RawWebSocket otherCookie =
                RawWebSocket.connect(port, new TestPage(page.token(), SessionCookie.create()))) {
            otherCookie.sendText(joinMessage(page.token()));
            assertEquals(
                    LiveProtocol.CLOSE_TOKEN_INVALID,
                    otherCookie.readUntilClose().closeCode());
        }
        try (RawWebSocket withCookie = RawWebSocket.connect(port, page)) {
            withCookie.sendText(joinMessage(page.token()));
            RawWebSocket.Frame reply = withCookie.read();
            assertTrue(reply.text().contains("\"status\":\"ok\""), reply.text());
        }
    }

    @Test
    void pageSetsAnHttpOnlyStrictSessionCookie() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String cookie = response.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cookie.matches("jsctx-session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), cookie);
    }

    @Test
    void upgradeFromAnotherOriginIsRefused() throws Exception {
        try (LiveConnection other = joinedWithCount(1)) {
            LiveClientException e = assertThrows(LiveClientException.class, () -> live.connect("http://evil.example"));
            assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(
                    403,
                    ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
            try (LiveConnection sameOrigin = live.connect("http://localhost:" + port)) {
                assertTrue(sameOrigin.join(live.page("/").token()).ok());
            }
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void floodOfEventsIsRefusedWithoutLosingState() throws Exception {
        try (LiveConnection other = joinedWithCount(1);
                LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            client.join(live.page("/").token());
            int ok = 0;
            int refused = 0;
            for (int i = 0; i < BURST * 3; i++) {
                LiveReply reply = client.event("inc");
                if (reply.ok()) {
                    ok++;
                } else {
                    assertEquals("rate limit exceeded: at most 1.0 messages per second", reply.reason());
                    refused++;
                }
            }
            assertTrue(refused >= BURST, "refused " + refused);
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertEquals(BURST * 3, ok + refused);
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void exceptionInEventEndsViewAndClosesWhatItOwns() throws Exception {
        try (LiveConnection other = joinedWithCount(1);
                LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            TestView.Resource resource =
                    TestView.resourceOf(client.join(live.page("/").token()));
            client.send("{\"type\":\"event\",\"ref\":\"2\",\"event\":\"boom\",\"payload\":{}}");
            assertEquals(LiveProtocol.CLOSE_VIEW_FAILED, client.closeCode());
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void exceptionInHandleInfoEndsView() throws Exception {
        try (LiveConnection client = live.connect()) {
            TestView.Resource resource =
                    TestView.resourceOf(client.join(live.page("/").token()));
            client.event("push", Map.of("text", "boom"));
            assertEquals(LiveProtocol.CLOSE_VIEW_FAILED, client.closeCode());
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
        }
    }

    @Test
    void failedMountClosesWhatItOwnedAlready() throws Exception {
        TestPage page = TestPage.get(port, "/");
        try (LiveConnection other = joinedWithCount(1);
                RawWebSocket client = RawWebSocket.connect(port, page);
                LogCapture log = LogCapture.start()) {
            client.sendText(
                    joinMessage(TOKENS.sign("/", Map.of("fail", "on-join"), page.binding(), JoinTokens.newTabId())));
            assertEquals(LiveProtocol.CLOSE_VIEW_FAILED, client.readUntilClose().closeCode());
            TestView.Resource resource = TestView.RESOURCES.get("fail:on-join");
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void failedMountOnPlainGetAnswers500AndClosesWhatItOwned() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/?fail=on-get"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertEquals(1, TestView.RESOURCES.get("fail:on-get").closes.get());
    }

    private LiveConnection joinedWithCount(int count) throws Exception {
        LiveConnection client = live.connect();
        client.join(live.page("/").token());
        for (int i = 0; i < count; i++) {
            client.event("inc");
        }
        return client;
    }

    private static void assertOtherIntact(LiveConnection other, int expectedCount) throws Exception {
        assertEquals(
                "{\"0\":\"" + expectedCount + "\"}", other.event("inc").diff().toString());
    }

    private void assertJoinRefused(String join, int code) throws Exception {
        try (LiveConnection client = live.connect();
                LogCapture log = LogCapture.start()) {
            client.send(join);
            assertEquals(code, client.closeCode());
            assertEquals(1, log.lines().size(), log.lines().toString());
        }
    }

    private static String joinMessage(String token) {
        return "{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\",\"token\":\"" + token + "\"}";
    }
}
