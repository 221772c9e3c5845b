package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A hostile client over real sockets: frames, logs, closed sockets, admission, slow readers, hosts, values. */
class LiveViewAttackIT {

    private final List<AutoCloseable> open = new ArrayList<>();
    private WebServer server;
    private LiveClient live;
    private boolean visited;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (live != null) {
            live.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void start(Consumer<LiveViewConfig.Builder> settings) {
        start(settings, true);
    }

    /** @param useNio Helidon's listener option: NIO channels (its default) or blocking sockets (less heap) */
    private void start(Consumer<LiveViewConfig.Builder> settings, boolean useNio) {
        // views end with their socket here, as these tests count views and closes (ResumeIT covers resuming)
        LiveViewConfig.Builder config = LiveViewConfig.builder().resumeWindow(Duration.ZERO);
        settings.accept(config);
        server = WebServer.builder()
                .useNio(useNio)
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                        .config(config.build())
                        .view("/", TestView::new)
                        .build())
                .build()
                .start();
        live = LiveClient.create(URI.create("http://localhost:" + server.port()));
    }

    /** A tab of a browser that has loaded a page: it carries the session cookie the pages' tokens are bound to. */
    private LiveConnection connect() {
        if (!visited) {
            live.page("/");
            visited = true;
        }
        LiveConnection connection = live.connect();
        open.add(connection);
        return connection;
    }

    private RawWebSocket raw() throws IOException {
        RawWebSocket socket = RawWebSocket.connect(server.port());
        open.add(socket);
        assertTrue(socket.upgraded(), socket.handshake);
        return socket;
    }

    private LiveConnection joined() throws Exception {
        LiveConnection tab = connect();
        assertTrue(tab.join(live.page("/").token()).ok());
        return tab;
    }

    private static String join(String token) {
        return "{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\",\"token\":\"" + token + "\"}";
    }

    private static void assertNoStackTraces(LogCapture log) {
        assertTrue(
                log.records().stream().allMatch(r -> r.getThrown() == null),
                log.lines().toString());
    }

    private static void assertCounts(LiveConnection tab, int expected) throws Exception {
        assertEquals("{\"0\":\"" + expected + "\"}", tab.event("inc").diff().toString());
    }

    @Nested
    @DisplayName("frames")
    class Frames {

        @Test
        @DisplayName("deep JSON and huge numbers get a protocol error, never a stack trace, and the view goes on")
        void deepJsonAndHugeNumbersGetAProtocolError() throws Exception {
            start(config -> config.maxFrameBytes(64 * 1024));
            try (LogCapture log = LogCapture.start()) {
                LiveConnection tab = joined();
                assertCounts(tab, 1);
                List<String> attacks = List.of(
                        "[".repeat(1005) + "]".repeat(1005),
                        "{\"a\":".repeat(30_000 / 6) + "1" + "}".repeat(30_000 / 6),
                        "{\"type\":\"event\",\"ref\":\"9\",\"event\":\"inc\",\"payload\":{\"amount\":"
                                + "9".repeat(1101) + "}}",
                        "{\"type\":\"event\",\"ref\":\"9\",\"event\":\"inc\",\"payload\":{\"amount\":1e99999999999}}",
                        "{\"type\":\"event\",\"ref\":\"9\",\"event\":\"inc\",\"payload\":{\"a\":{\"b\":{\"c\":1}}}}");
                for (String attack : attacks) {
                    tab.send(attack);
                    JsonObject error = tab.next();
                    assertEquals("error", error.getString("type"), attack.substring(0, 40));
                    assertEquals("malformed JSON: a message must be one JSON object", error.getString("reason"));
                }
                assertCounts(tab, 2);
                assertNoStackTraces(log);
                assertEquals(1, log.lines().size(), "one refusal line per interval: " + log.lines());
            }
        }

        @Test
        @DisplayName("every frame is charged to the rate limit before it is parsed")
        void everyFrameIsChargedBeforeItIsParsed() throws Exception {
            start(config -> config.eventsPerSecond(0.001).eventBurst(5).maxRefusalsPerMinute(1000));
            LiveConnection client = connect();
            int malformed = 0;
            int limited = 0;
            for (int i = 0; i < 30; i++) {
                client.send("{not json " + i);
                JsonObject reply = client.next();
                String reason = reply.getString("reason");
                if (reason.startsWith("malformed")) {
                    malformed++;
                } else {
                    assertTrue(reason.startsWith("rate limit exceeded"), reason);
                    limited++;
                }
            }
            assertEquals(5, malformed, "only the burst is parsed");
            assertEquals(25, limited);
        }

        @Test
        @DisplayName("a socket that keeps sending refused messages is closed with 1008")
        void aSocketThatKeepsAbusingIsClosed() throws Exception {
            start(config -> config.maxRefusalsPerMinute(20));
            try (LogCapture log = LogCapture.start()) {
                LiveConnection other = joined();
                LiveConnection attacker = connect();
                for (int i = 0; i < 100; i++) {
                    attacker.sendAsync("{\"type\":\"nope\",\"ref\":\"" + i + "\"}");
                }
                assertEquals(LiveProtocol.CLOSE_POLICY_VIOLATION, attacker.closeCode());
                assertCounts(other, 1);
                assertNoStackTraces(log);
                assertEquals(2, log.lines().size(), "one refusal and the close: " + log.lines());
            }
        }

        @Test
        @DisplayName("a binary frame closes the socket with 1003, before any reply")
        void binaryFramesAreRefused() throws Exception {
            start(config -> {});
            try (RawWebSocket socket = raw()) {
                socket.send(RawWebSocket.BINARY, true, new byte[] {1, 2, 3});
                RawWebSocket.Frame close = socket.readUntilClose();
                assertNotNull(close);
                assertEquals(LiveProtocol.CLOSE_UNSUPPORTED_DATA, close.closeCode());
                assertEquals("binary messages are not supported", close.closeReason());
            }
        }

        @Test
        @DisplayName("a ping gets a pong with its payload; a ping over 125 bytes closes with 1002")
        void pingsArePongedAndOversizedControlFramesRefused() throws Exception {
            start(config -> {});
            try (RawWebSocket socket = raw()) {
                socket.send(RawWebSocket.PING, true, "hello".getBytes(StandardCharsets.UTF_8));
                RawWebSocket.Frame pong = socket.read();
                assertEquals(RawWebSocket.PONG, pong.opcode());
                assertEquals("hello", pong.text());
                socket.send(RawWebSocket.PING, true, new byte[200]);
                RawWebSocket.Frame close = socket.readUntilClose();
                assertNotNull(close);
                assertEquals(LiveProtocol.CLOSE_PROTOCOL_ERROR, close.closeCode());
            }
        }

        @Test
        @DisplayName("what Helidon's frame layer lets through (invalid UTF-8, a fragmented ping) is answered safely")
        void invalidUtf8AndFragmentedControlFramesAreAnsweredSafely() throws Exception {
            start(config -> {});
            try (LogCapture log = LogCapture.start();
                    RawWebSocket socket = raw()) {
                // Helidon decodes text with replacement characters (no 1007): the message is malformed JSON here
                socket.send(RawWebSocket.TEXT, true, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
                RawWebSocket.Frame error = socket.read();
                assertEquals(RawWebSocket.TEXT, error.opcode());
                assertTrue(error.text().contains("malformed JSON"), error.text());
                // Helidon hands a FIN=0 ping to the listener as any ping (no 1002): it gets its pong
                socket.send(RawWebSocket.PING, false, "frag".getBytes(StandardCharsets.UTF_8));
                RawWebSocket.Frame pong = socket.read();
                assertEquals(RawWebSocket.PONG, pong.opcode());
                socket.sendText("{\"type\":\"heartbeat\",\"ref\":\"h\"}");
                assertTrue(socket.read().text().contains("\"ref\":\"h\""));
                assertNoStackTraces(log);
            }
        }

        @Test
        @DisplayName("close reasons are fixed strings, and client text reaches the log escaped and cut short")
        void closeReasonsAreFixedAndLogsEscaped() throws Exception {
            start(config -> {});
            try (LogCapture log = LogCapture.start();
                    RawWebSocket socket = raw()) {
                String forged = "1\r\nSEVERE: forged line " + "x".repeat(5000);
                socket.sendText("{\"type\":\"join\",\"ref\":\"1\",\"version\":\""
                        + forged.replace("\r", "\\r").replace("\n", "\\n") + "\",\"token\":\"t\"}");
                RawWebSocket.Frame close = socket.readUntilClose();
                assertEquals(LiveProtocol.CLOSE_VERSION_MISMATCH, close.closeCode());
                assertEquals("protocol version not supported", close.closeReason());
                assertEquals(1, log.lines().size(), log.lines().toString());
                String line = log.lines().get(0);
                assertFalse(line.contains("\n") || line.contains("\r"), line);
                assertTrue(line.contains("\\r\\nSEVERE"), line);
                assertTrue(line.length() < 300, "cut short: " + line.length());
            }
        }

        @Test
        @DisplayName("a close reason of 64 KB from the client is neither logged nor echoed")
        void clientCloseReasonIsIgnored() throws Exception {
            start(config -> {});
            try (LogCapture log = LogCapture.start();
                    RawWebSocket socket = raw()) {
                byte[] reason = ("\u0003\u00e8" + "x".repeat(60_000)).getBytes(StandardCharsets.ISO_8859_1);
                socket.send(RawWebSocket.CLOSE, true, reason);
                RawWebSocket.Frame close = socket.readUntilClose();
                assertNotNull(close);
                assertTrue(close.payload().length <= 125, "close frame of " + close.payload().length + " bytes");
                assertTrue(
                        log.lines().stream().noneMatch(l -> l.contains("xxxx")),
                        log.lines().toString());
            }
        }
    }

    @Nested
    @DisplayName("closed sockets")
    class ClosedSockets {

        @Test
        @DisplayName("after the server's close nothing is read, and the connection is cut after a short grace")
        void nothingIsReadAfterTheServersClose() throws Exception {
            start(config -> {});
            TestPage page = TestPage.get(server.port(), "/");
            String token = page.token();
            int views = TestView.RESOURCES.size();
            try (RawWebSocket socket = RawWebSocket.connect(server.port(), page)) {
                socket.sendText(join("forged." + token.substring(token.indexOf('.') + 1)));
                socket.sendText("{\"type\":\"heartbeat\",\"ref\":\"h\"}");
                socket.sendText(join(token));
                RawWebSocket.Frame first = socket.read();
                assertEquals(RawWebSocket.CLOSE, first.opcode(), first.text());
                assertEquals(LiveProtocol.CLOSE_TOKEN_INVALID, first.closeCode());
                // no answer to the heartbeat, no second join: the next thing is the end of the connection
                long start = System.nanoTime();
                assertNull(socket.read());
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(waited < LiveSocket.CLOSE_GRACE_MILLIS + 3000, "cut after " + waited + " ms");
            }
            assertEquals(views, TestView.RESOURCES.size(), "no view was mounted");
        }
    }

    @Test
    @DisplayName("a join whose mount outlasts the heartbeat time-out: the view still ends, once")
    void joinRacingTheHeartbeatTimeOut() throws Exception {
        start(config -> config.heartbeatInterval(Duration.ofMillis(200)));
        String token = live.page("/?mount-millis=1500").token();
        LiveConnection slow = connect();
        slow.send(join(token));
        assertEquals(LiveProtocol.CLOSE_HEARTBEAT_TIMEOUT, slow.closeCode());
        TestView.Resource resource = TestView.RESOURCES.get("slow:1500");
        assertNotNull(resource);
        assertTrue(resource.closed.await(10, TimeUnit.SECONDS), "the view mounted after the time-out ended");
        assertEquals(1, resource.closes.get());
    }

    @Test
    @DisplayName("a client re-joining a view whose mount throws gets 4500 each time, and one stack trace in the log")
    void failedMountsAreLoggedOncePerInterval() throws Exception {
        start(config -> {});
        String token = live.page("/?fail-join=1").token();
        try (LogCapture log = LogCapture.start()) {
            int attempts = 8;
            for (int i = 0; i < attempts; i++) {
                LiveConnection retry = connect();
                retry.send(join(token));
                assertEquals(LiveProtocol.CLOSE_VIEW_FAILED, retry.closeCode());
            }
            List<java.util.logging.LogRecord> traces =
                    log.records().stream().filter(r -> r.getThrown() != null).toList();
            assertEquals(1, traces.size(), log.lines().toString());
            assertEquals(java.util.logging.Level.SEVERE, traces.get(0).getLevel());
            assertTrue(
                    traces.get(0).getMessage().contains("failed in mount"),
                    log.lines().toString());
            assertEquals(
                    1,
                    log.lines().stream()
                            .filter(l -> l.contains("failed in mount"))
                            .count(),
                    log.lines().toString());
        }
    }

    @Nested
    @DisplayName("admission")
    class Admission {

        @Test
        @DisplayName("one client gets at most max-sockets-per-client sockets; the others keep working")
        void socketsPerClient() throws Exception {
            start(config -> config.maxSocketsPerClient(3));
            LiveConnection tab = joined();
            LiveConnection second = connect();
            LiveConnection third = connect();
            LiveConnection refused = connect();
            assertEquals(LiveProtocol.CLOSE_TOO_MANY, refused.closeCode());
            assertCounts(tab, 1);
            second.close();
            assertEquals(WebSocket.NORMAL_CLOSURE, second.closeCode());
            pollUntil(() -> {
                LiveConnection again = connect();
                return again.join(live.page("/").token()).ok();
            });
            assertTrue(third.heartbeat().ok());
        }

        @Test
        @DisplayName("one client gets at most max-joins-per-client-per-minute joins")
        void joinsPerClient() throws Exception {
            start(config -> config.maxJoinsPerClientPerMinute(5));
            LiveConnection tab = joined();
            for (int i = 0; i < 4; i++) {
                try (LiveConnection again = live.connect()) {
                    assertTrue(again.join(live.page("/").token()).ok());
                }
            }
            LiveConnection refused = connect();
            refused.send(join(live.page("/").token()));
            assertEquals(LiveProtocol.CLOSE_TOO_MANY, refused.closeCode());
            assertCounts(tab, 1);
        }

        @Test
        @DisplayName("one token joins at most max-views-per-token views at once")
        void viewsPerToken() throws Exception {
            start(config -> config.maxViewsPerToken(2));
            String token = live.page("/").token();
            LiveConnection a = connect();
            LiveConnection b = connect();
            LiveConnection c = connect();
            assertTrue(a.join(token).ok());
            assertTrue(b.join(token).ok());
            c.send(join(token));
            assertEquals(LiveProtocol.CLOSE_TOO_MANY, c.closeCode());
            a.close();
            pollUntil(() -> connect().join(token).ok());
            assertCounts(b, 1);
        }

        @Test
        @DisplayName("the server holds at most max-views views")
        void maxViews() throws Exception {
            start(config -> config.maxViews(2));
            LiveConnection a = joined();
            joined();
            LiveConnection refused = connect();
            refused.send(join(live.page("/").token()));
            assertEquals(LiveProtocol.CLOSE_TOO_MANY, refused.closeCode());
            assertCounts(a, 1);
        }
    }

    @Nested
    @DisplayName("slow readers")
    class SlowReaders {

        @Test
        @DisplayName("a socket that stops reading is dropped and its view ends; other tabs go on")
        void slowReaderIsDropped() throws Exception {
            slowReaderIsDropped(true);
        }

        @Test
        @DisplayName("the same with Helidon's blocking sockets (use-nio: false): the stuck write is cut too")
        void slowReaderIsDroppedWithBlockingSockets() throws Exception {
            slowReaderIsDropped(false);
        }

        private void slowReaderIsDropped(boolean useNio) throws Exception {
            start(
                    config -> config.eventsPerSecond(10_000)
                            .eventBurst(10_000)
                            .outboundQueueFrames(8)
                            .writeTimeout(Duration.ofMillis(500)),
                    useNio);
            LiveConnection other = joined();
            TestPage page = TestPage.get(server.port(), "/");
            RawWebSocket slow = RawWebSocket.connect(
                    server.port(),
                    "localhost:" + server.port(),
                    "http://localhost:" + server.port(),
                    4096,
                    page.cookie());
            open.add(slow);
            slow.sendText(join(page.token()));
            RawWebSocket.Frame joinReply = slow.read();
            String sid = joinReply.text().replaceAll(".*\"1\":\"([0-9a-f]+)\".*", "$1");
            TestView.Resource resource = TestView.RESOURCES.get(sid);
            assertNotNull(resource, joinReply.text());
            // each reply carries the whole list: replies grow until the socket's buffers are full; this side
            // never reads, and sends from its own thread, since the server stops reading once it dropped us
            String item = "x".repeat(4000);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 5000 && resource.closes.get() == 0; i++) {
                        slow.sendText("{\"type\":\"event\",\"ref\":\"" + i
                                + "\",\"event\":\"item\",\"payload\":{\"text\":\"" + item + "\"}}");
                    }
                } catch (IOException e) {
                    // the server cut the connection: what the test waits for
                }
            });
            assertTrue(resource.closed.await(15, TimeUnit.SECONDS), "the slow reader's view ended");
            assertCounts(other, 1);
            sending.get(15, TimeUnit.SECONDS);
            assertTrue(slow.closedByServer(15_000), "the connection was cut");
        }
    }

    @Nested
    @DisplayName("hosts and headers")
    class HostsAndHeaders {

        @Test
        @DisplayName("a DNS-rebinding page (Host and Origin both the attacker's) gets no page and no socket")
        void dnsRebindingIsRefused() throws Exception {
            start(config -> {});
            String page = httpGet("rebind.attacker.example");
            assertTrue(page.startsWith("HTTP/1.1 400"), page);
            assertFalse(page.contains(LiveProtocol.ATTR_TOKEN), page);
            try (RawWebSocket socket = RawWebSocket.connect(
                    server.port(), "rebind.attacker.example", "http://rebind.attacker.example", 0)) {
                assertFalse(socket.upgraded(), socket.handshake);
            }
            try (RawWebSocket socket = RawWebSocket.connect(
                    server.port(), "localhost:" + server.port(), "http://rebind.attacker.example", 0)) {
                assertFalse(socket.upgraded(), socket.handshake);
            }
            assertTrue(httpGet("localhost:" + server.port()).startsWith("HTTP/1.1 200"));
        }

        @Test
        @DisplayName("configured public origins are the only hosts served")
        void configuredOriginsAreTheOnlyHosts() throws Exception {
            start(config -> config.addAllowedOrigin("https://app.example.com"));
            assertTrue(httpGet("app.example.com").startsWith("HTTP/1.1 200"));
            assertTrue(httpGet("localhost:" + server.port()).startsWith("HTTP/1.1 400"));
            try (RawWebSocket socket =
                    RawWebSocket.connect(server.port(), "app.example.com", "https://app.example.com", 0)) {
                assertTrue(socket.upgraded(), socket.handshake);
            }
        }

        @Test
        @DisplayName("every page carries the security headers")
        void pagesCarrySecurityHeaders() throws Exception {
            start(config -> {});
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals(
                    SecurityHeaders.CONTENT_SECURITY_POLICY,
                    page.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertTrue(SecurityHeaders.CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
            assertEquals(
                    "nosniff",
                    page.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals(
                    "no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
            assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        }

        /** GET / with any Host header (java.net.http will not send one): the head and the body. */
        private String httpGet(String host) throws IOException {
            try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                java.io.InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(head);
                byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
                return head + new String(body, StandardCharsets.UTF_8);
            }
        }
    }

    @Nested
    @DisplayName("values and mailboxes")
    class ValuesAndMailboxes {

        @Test
        @DisplayName("an event value longer than max-value-chars is refused before the view sees it")
        void eventValueIsBounded() throws Exception {
            start(config -> config.maxValueChars(32));
            LiveConnection tab = joined();
            LiveReply refused = tab.event("item", Map.of("text", "9".repeat(33)));
            assertFalse(refused.ok());
            assertEquals("event value longer than 32 characters", refused.reason());
            assertTrue(tab.event("item", Map.of("text", "9".repeat(32))).ok());
            assertEquals("<li>" + "9".repeat(32) + "</li>", tab.dynamic(3));
        }

        @Test
        @DisplayName("a full mailbox drops further messages: send returns false and the view goes on")
        void fullMailboxDropsMessages() throws Exception {
            start(config -> config.mailboxCapacity(10));
            LiveConnection tab = joined();
            LiveReply flooded = tab.event("flood", Map.of("count", "50"));
            assertEquals("{\"2\":\"accepted 10\"}", flooded.diff().toString());
            assertCounts(tab, 1);
        }
    }

    private static void pollUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(50);
        }
    }
}
