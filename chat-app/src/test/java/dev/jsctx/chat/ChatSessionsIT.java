package dev.jsctx.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.LiveProtocol;
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
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
                ConfigSources.create(Map.of("server.port", "0", "pool.call-timeout", "PT10S")) /* a busy machine */,
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
        try (LiveConnection ada = tab("/rooms/hear");
                LiveConnection bob = tab("/rooms/hear")) {
            await(ada, html -> html.contains("<span id=\"members\">2</span>"));
            assertTrue(ada.event("nickname", Map.of("nickname", "ada")).ok());
            assertTrue(ada.event("send", Map.of("text", "hello *bob*")).ok());
            String message =
                    "<li class=\"message\"><span class=\"author\">ada</span> <span class=\"text\">hello <strong>bob</strong></span></li>";
            await(bob, html -> html.contains(message));
            await(ada, html -> html.contains(message)); // the sender's own copy comes back as a broadcast too
            try (LiveConnection late = tab("/rooms/hear")) {
                assertTrue(late.html().contains(message), late.html());
                await(bob, html -> html.contains("<span id=\"members\">3</span>"));
            }
            // the late tab may still resume (liveview.resume-window, 30 s), but no longer counts: bob sees it leave
            await(bob, html -> html.contains("<span id=\"members\">2</span>"));
        }
    }

    @Test
    @DisplayName("rooms are apart: a message in one is not seen in another")
    void roomsAreApart() {
        try (LiveConnection here = tab("/rooms/apart-1");
                LiveConnection there = tab("/rooms/apart-2")) {
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
        try (LiveConnection tab = tab("/rooms/markup")) {
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
        try (LiveConnection tab = tab("/rooms/refusals")) {
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
    @DisplayName("/rooms/{name} is the room's page, / the lobby's; a bad name gets 404 and the rule")
    void roomPaths() throws Exception {
        assertTrue(client.get("/rooms/general").contains("<span id=\"room\">general</span>"));
        assertTrue(client.get("/").contains("<span id=\"room\">lobby</span>"));
        assertTrue(client.get("/?room=general").contains("<span id=\"room\">lobby</span>"), "the query names no room");
        HttpClient http = HttpClient.newHttpClient();
        for (String bad :
                List.of("/rooms/NO%20SUCH", "/rooms/%3Cx%3E", "/rooms/-dash-first", "/rooms/" + "a".repeat(33))) {
            HttpResponse<String> refused =
                    http.send(HttpRequest.newBuilder(base.resolve(bad)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, refused.statusCode(), bad);
            assertEquals(RoomName.RULE, refused.body(), bad);
        }
    }

    @Test
    @DisplayName("a patch to another room's path mounts the tab in that room; to a bad name, the rule")
    void aPatchToAnotherRoomMountsThere() {
        try (LiveConnection tab = tab("/rooms/patch-1")) {
            followNavigation(tab, tab.patch("/rooms/patch-2"));
            assertTrue(tab.html().contains("<span id=\"room\">patch-2</span>"), tab.html());
            followNavigation(tab, tab.patch("/rooms/NOPE"));
            assertTrue(tab.html().contains(RoomName.RULE), tab.html());
        }
    }

    private LiveConnection tab(String page) {
        String token = client.page(page).token();
        LiveConnection connection = client.connect();
        LiveReply joined = connection.join(token);
        assertTrue(joined.ok(), "join: " + joined);
        return connection;
    }

    /** As the browser does: after the patch's reply, go where the view's navigate message says. */
    private static void followNavigation(LiveConnection tab, LiveReply patched) {
        assertTrue(patched.ok(), patched.toString());
        JsonObject navigate;
        do {
            navigate = tab.next(); // presence pushes may come first
        } while (!LiveProtocol.TYPE_NAVIGATE.equals(navigate.getString(LiveProtocol.KEY_TYPE)));
        assertTrue(tab.navigate(navigate.getString(LiveProtocol.KEY_URI)).ok());
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
