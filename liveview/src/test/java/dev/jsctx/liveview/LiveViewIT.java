package dev.jsctx.liveview;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ServerTest
class LiveViewIT {

    private static final int MAX_FRAME = 4096;
    private static final int BURST = 10;
    private static final String SECRET = "a test secret, at least 32 bytes long";
    private static final JoinTokens TOKENS = new JoinTokens(SECRET.getBytes(StandardCharsets.UTF_8),
                                                            Duration.ofMinutes(1), Clock.systemUTC());

    private final int port;

    LiveViewIT(WebServer server) {
        this.port = server.port();
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
        String page = TestClient.page(port, "/?message=%3Cscript%3Ealert(1)%3C/script%3E");
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<title>Test &lt;page&gt;</title>"), page);
        assertTrue(page.contains("<script type=\"module\" src=\"/live/js/jsctx.js\"></script>"), page);
        assertTrue(page.contains("<p id=\"count\">0</p>"), page);
        assertTrue(page.contains("<p id=\"message\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"), page);
        assertFalse(page.contains("<script>alert"), page);
        String sid = page.replaceAll("(?s).*<p id=\"sid\">([0-9a-f]+)</p>.*", "$1");
        assertEquals(1, TestView.RESOURCES.get(sid).closes.get());
    }

    @Test
    void clientScriptIsServed() throws Exception {
        assertTrue(TestClient.page(port, "/live/js/jsctx.js").contains("connectView"));
        assertTrue(TestClient.page(port, "/live/js/constants.js").contains("PROTOCOL_VERSION"));
    }

    @Test
    void joinReplyHoldsStaticsDynamicsAndFreshToken() throws Exception {
        try (TestClient client = TestClient.open(port)) {
            JsonObject reply = client.join(port, "/?message=hi");
            assertEquals("reply", reply.getString("type"));
            assertEquals("1", reply.getString("ref"));
            assertEquals("ok", reply.getString("status"));
            JsonObject rendered = reply.getJsonObject("rendered");
            assertEquals("<p id=\"count\">", rendered.getJsonArray("s").getString(0));
            assertEquals("0", rendered.getString("0"));
            assertEquals("hi", rendered.getString("2"));
            assertFalse(reply.getString("token").isEmpty());
        }
    }

    @Test
    void eventReplyHoldsOnlyChangedDynamics() throws Exception {
        try (TestClient client = TestClient.open(port)) {
            client.join(port, "/");
            JsonObject reply = client.event("inc");
            assertEquals("ok", reply.getString("status"));
            assertEquals("{\"0\":\"1\"}", reply.getJsonObject("diff").toString());
            JsonObject added = client.event("item", "{\"text\":\"<b>\"}");
            assertEquals("{\"3\":{\"s\":[\"<li>\",\"</li>\"],\"d\":[[\"&lt;b&gt;\"]]}}",
                         added.getJsonObject("diff").toString());
            JsonObject second = client.event("item", "{\"text\":\"c\"}");
            assertEquals("{\"3\":{\"d\":[[\"&lt;b&gt;\"],[\"c\"]]}}", second.getJsonObject("diff").toString());
        }
    }

    @Test
    void handleInfoPushesDiff() throws Exception {
        try (TestClient client = TestClient.open(port)) {
            client.join(port, "/");
            assertEquals("{}", client.event("push", "{\"text\":\"pushed\"}").getJsonObject("diff").toString());
            JsonObject push = client.next();
            assertEquals("diff", push.getString("type"));
            assertEquals("{\"2\":\"pushed\"}", push.getJsonObject("diff").toString());
        }
    }

    @Test
    void twoSocketsHaveSeparateState() throws Exception {
        try (TestClient a = TestClient.open(port); TestClient b = TestClient.open(port)) {
            a.join(port, "/");
            b.join(port, "/");
            a.event("inc");
            a.event("inc");
            assertEquals("{\"0\":\"1\"}", b.event("inc").getJsonObject("diff").toString());
            assertEquals("{\"0\":\"3\"}", a.event("inc").getJsonObject("diff").toString());
        }
    }

    @Test
    void closingSocketClosesWhatTheViewOwnsOnce() throws Exception {
        try (TestClient client = TestClient.open(port)) {
            TestView.Resource resource = TestView.resourceOf(client.join(port, "/"));
            assertEquals(0, resource.closes.get());
            client.closeNormally();
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
        }
    }

    @Test
    void droppedConnectionClosesWhatTheViewOwnsOnce() throws Exception {
        TestView.Resource resource;
        try (TestClient client = TestClient.open(port)) {
            resource = TestView.resourceOf(client.join(port, "/"));
        }
        assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
        assertEquals(1, resource.closes.get());
    }

    @Test
    void unknownEventGetsErrorReplyAndViewGoesOn() throws Exception {
        try (TestClient client = TestClient.open(port); LogCapture log = LogCapture.start()) {
            client.join(port, "/");
            client.event("inc");
            JsonObject reply = client.event("nope");
            assertEquals("error", reply.getString("status"));
            assertEquals("unknown event \"nope\"", reply.getString("reason"));
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertEquals("{\"0\":\"2\"}", client.event("inc").getJsonObject("diff").toString());
        }
    }

    @Test
    void malformedJsonGetsErrorAndStateIsKept() throws Exception {
        try (TestClient client = TestClient.open(port); LogCapture log = LogCapture.start()) {
            client.join(port, "/");
            client.event("inc");
            client.send("{not json");
            JsonObject error = client.next();
            assertEquals("error", error.getString("type"));
            assertEquals("malformed JSON: a message must be one JSON object", error.getString("reason"));
            client.send("[1,2]");
            assertEquals("error", client.next().getString("type"));
            assertEquals(2, log.lines().size(), log.lines().toString());
            assertEquals("{\"0\":\"2\"}", client.event("inc").getJsonObject("diff").toString());
        }
    }

    @Test
    void unknownMessageTypeAndEventBeforeJoinGetErrorReplies() throws Exception {
        try (TestClient client = TestClient.open(port); LogCapture log = LogCapture.start()) {
            client.send("{\"type\":\"launch\",\"ref\":\"7\"}");
            JsonObject reply = client.next();
            assertEquals("7", reply.getString("ref"));
            assertEquals("unknown message type \"launch\"", reply.getString("reason"));
            assertEquals("not joined: send a join first", client.event("inc").getString("reason"));
            assertEquals(2, log.lines().size(), log.lines().toString());
            assertEquals("ok", client.join(port, "/").getString("status"));
        }
    }

    @Test
    void heartbeatIsAnswered() throws Exception {
        try (TestClient client = TestClient.open(port)) {
            client.send("{\"type\":\"heartbeat\",\"ref\":\"h1\"}");
            JsonObject reply = client.next();
            assertEquals("h1", reply.getString("ref"));
            assertEquals("ok", reply.getString("status"));
        }
    }

    @Test
    void oversizedMessageClosesOnlyItsSocket() throws Exception {
        try (TestClient other = joinedWithCount(1); TestClient client = TestClient.open(port);
                LogCapture log = LogCapture.start()) {
            TestView.Resource resource = TestView.resourceOf(client.join(port, "/"));
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
        try (TestClient other = joinedWithCount(1)) {
            String token = TestClient.tokenOf(TestClient.page(port, "/"));
            String forged = "x" + token.substring(1);
            assertJoinRefused("{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\"}",
                              LiveProtocol.CLOSE_TOKEN_INVALID);
            assertJoinRefused("{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\",\"token\":\"" + forged + "\"}",
                              LiveProtocol.CLOSE_TOKEN_INVALID);
            assertJoinRefused("{\"type\":\"join\",\"ref\":\"1\",\"version\":\"0\",\"token\":\"" + token + "\"}",
                              LiveProtocol.CLOSE_VERSION_MISMATCH);
            JoinTokens past = new JoinTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1),
                                             Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
            assertJoinRefused(joinMessage(past.sign("/", Map.of())), LiveProtocol.CLOSE_TOKEN_EXPIRED);
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void upgradeFromAnotherOriginIsRefused() throws Exception {
        try (TestClient other = joinedWithCount(1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                                                () -> TestClient.openFrom(port, "http://evil.example"));
            assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
            try (TestClient sameOrigin = TestClient.openFrom(port, "http://localhost:" + port)) {
                assertEquals("ok", sameOrigin.join(port, "/").getString("status"));
            }
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void floodOfEventsIsRefusedWithoutLosingState() throws Exception {
        try (TestClient other = joinedWithCount(1); TestClient client = TestClient.open(port);
                LogCapture log = LogCapture.start()) {
            client.join(port, "/");
            int ok = 0;
            int refused = 0;
            for (int i = 0; i < BURST * 3; i++) {
                JsonObject reply = client.event("inc");
                if ("ok".equals(reply.getString("status"))) {
                    ok++;
                } else {
                    assertEquals("rate limit exceeded: at most 1.0 messages per second", reply.getString("reason"));
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
        try (TestClient other = joinedWithCount(1); TestClient client = TestClient.open(port);
                LogCapture log = LogCapture.start()) {
            TestView.Resource resource = TestView.resourceOf(client.join(port, "/"));
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
        try (TestClient client = TestClient.open(port)) {
            TestView.Resource resource = TestView.resourceOf(client.join(port, "/"));
            client.event("push", "{\"text\":\"boom\"}");
            assertEquals(LiveProtocol.CLOSE_VIEW_FAILED, client.closeCode());
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
        }
    }

    @Test
    void failedMountClosesWhatItOwnedAlready() throws Exception {
        try (TestClient other = joinedWithCount(1); TestClient client = TestClient.open(port);
                LogCapture log = LogCapture.start()) {
            client.send(joinMessage(TOKENS.sign("/", Map.of("fail", "on-join"))));
            assertEquals(LiveProtocol.CLOSE_VIEW_FAILED, client.closeCode());
            TestView.Resource resource = TestView.RESOURCES.get("fail:on-join");
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertOtherIntact(other, 2);
        }
    }

    @Test
    void failedMountOnPlainGetAnswers500AndClosesWhatItOwned() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/?fail=on-get")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertEquals(1, TestView.RESOURCES.get("fail:on-get").closes.get());
    }

    private TestClient joinedWithCount(int count) throws Exception {
        TestClient client = TestClient.open(port);
        client.join(port, "/");
        for (int i = 0; i < count; i++) {
            client.event("inc");
        }
        return client;
    }

    private static void assertOtherIntact(TestClient other, int expectedCount) throws Exception {
        assertEquals("{\"0\":\"" + expectedCount + "\"}", other.event("inc").getJsonObject("diff").toString());
    }

    private void assertJoinRefused(String join, int code) throws Exception {
        try (TestClient client = TestClient.open(port); LogCapture log = LogCapture.start()) {
            client.send(join);
            assertEquals(code, client.closeCode());
            assertEquals(1, log.lines().size(), log.lines().toString());
        }
    }

    private static String joinMessage(String token) {
        return "{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\",\"token\":\"" + token + "\"}";
    }
}
