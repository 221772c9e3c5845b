package dev.jsctx.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The running chat app on one node, driven over its WebSocket like browser tabs. */
@ServerTest
class ChatSessionsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static ChatApp app;

    private final URI base;
    private LiveClient client;

    ChatSessionsIT(WebServer server) {
        this.base = URI.create("http://localhost:" + server.port());
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app = ChatApp.start(Config.just(
                ConfigSources.create(Map.of(
                        "server.port", "0",
                        "pool.call-timeout", "PT10S", // a busy machine
                        // a closed tab counts in #members while it may still resume; these tests close tabs
                        "liveview.resume-window", "PT0S")),
                ConfigSources.classpath("application.yaml")));
        app.setup(server);
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @BeforeEach
    void startClient() {
        client = LiveClient.create(base);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    @DisplayName("a message posted in one tab shows in every tab of the room, and a late tab sees the history")
    void tabsHearEachOther() {
        try (LiveConnection ada = tab("/?room=hear");
                LiveConnection bob = tab("/?room=hear")) {
            await(ada, html -> html.contains("<span id=\"members\">2</span>"));
            assertTrue(ada.event("nickname", Map.of("nickname", "ada")).ok());
            assertTrue(ada.event("send", Map.of("text", "hello *bob*")).ok());
            String message =
                    "<li class=\"message\"><span class=\"author\">ada</span> <span class=\"text\">hello <strong>bob</strong></span></li>";
            await(bob, html -> html.contains(message));
            await(ada, html -> html.contains(message)); // the sender's own copy comes back as a broadcast too
            try (LiveConnection late = tab("/?room=hear")) {
                assertTrue(late.html().contains(message), late.html());
                await(bob, html -> html.contains("<span id=\"members\">3</span>"));
            }
            await(bob, html -> html.contains("<span id=\"members\">2</span>"));
        }
    }

    @Test
    @DisplayName("rooms are apart: a message in one is not seen in another")
    void roomsAreApart() {
        try (LiveConnection here = tab("/?room=apart-1");
                LiveConnection there = tab("/?room=apart-2")) {
            here.event("nickname", Map.of("nickname", "ada"));
            here.event("send", Map.of("text", "only here"));
            await(here, html -> html.contains("only here"));
            there.event("nickname", Map.of("nickname", "bob"));
            there.event("send", Map.of("text", "only there"));
            await(there, html -> html.contains("only there"));
            assertFalse(there.html().contains("only here"));
            assertFalse(here.html().contains("only there"));
        }
    }

    @Test
    @DisplayName("what a user types is never markup: tags and attribute quotes arrive escaped, links only http(s)")
    void nothingTypedIsMarkup() {
        try (LiveConnection tab = tab("/?room=markup")) {
            tab.event("nickname", Map.of("nickname", "<img src=x onerror=1>"));
            tab.event(
                    "send",
                    Map.of(
                            "text",
                            "<script>alert(1)</script> https://x.example/\"onmouseover=\"alert(1) javascript:alert(1)"));
            String html = await(tab, text -> text.contains("class=\"message\""));
            assertFalse(html.contains("<script>"), html);
            assertFalse(html.contains("<img"), html);
            assertTrue(html.contains("&lt;img src=x onerror=1&gt;"), html);
            // the link ends before its closing parenthesis, as in "(see https://x.example)"
            assertTrue(html.contains("<a href=\"https://x.example/&quot;onmouseover=&quot;alert(1\" rel="), html);
            assertFalse(html.contains("href=\"javascript"), html);
        }
    }

    @Test
    @DisplayName("a refusal shows in #error and loses nothing; the next accepted message clears it")
    void refusals() {
        try (LiveConnection tab = tab("/?room=refusals")) {
            assertTrue(tab.event("send", Map.of("text", "hi")).ok());
            assertTrue(tab.html().contains("<p id=\"error\" role=\"alert\">Choose a nickname first</p>"), tab.html());
            tab.event("nickname", Map.of("nickname", "ada"));
            tab.event("send", Map.of("text", "first"));
            tab.event("send", Map.of("text", "   "));
            assertTrue(tab.html().contains(">The message is blank</p>"), tab.html());
            assertTrue(tab.event("send", Map.of("text", "second")).ok());
            String html = await(tab, text -> text.contains("second"));
            assertTrue(html.contains("first"), html);
            assertTrue(html.contains("<p id=\"error\" role=\"alert\"></p>"), html);
        }
    }

    @Test
    @DisplayName("/rooms/{name} leads to the room; a bad name gets the rule, a bad room parameter too")
    void roomPaths() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> room = http.send(
                HttpRequest.newBuilder(base.resolve("/rooms/general")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, room.statusCode());
        assertEquals("/?room=general", room.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(base.resolve("/rooms/NO%20SUCH")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, bad.statusCode());
        assertEquals(RoomName.RULE, bad.body());
        assertTrue(client.get("/?room=%3Cx%3E").contains(RoomName.RULE));
        assertTrue(client.get("/").contains("<span id=\"room\">lobby</span>"));
    }

    private LiveConnection tab(String page) {
        String token = client.page(page).token();
        LiveConnection connection = client.connect();
        LiveReply joined = connection.join(token);
        assertTrue(joined.ok(), "join: " + joined);
        return connection;
    }

    /** Waits until the tab's HTML, as pushes change it, passes the test; returns that HTML. */
    private static String await(LiveConnection tab, Predicate<String> test) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String html = tab.html();
        while (!test.test(html)) {
            if (System.nanoTime() - deadline > 0) {
                throw new LiveClientException("waited " + WAIT + " for the tab to change; it shows " + html);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LiveClientException("interrupted", e);
            }
            html = tab.html();
        }
        return html;
    }
}
