package dev.jsctx.examples.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.PoolConfig;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** README's to-do list, served by {@link TodoApp#start} and driven over its WebSocket like browser tabs. */
class TodoLiveIT {
    private static ContextPool pool;
    private static WebServer server;
    private LiveClient client;

    @BeforeAll
    static void start() {
        pool = ContextPool.create(PoolConfig.builder().threads(2).build());
        server = TodoApp.start(pool, 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        pool.close();
    }

    @BeforeEach
    void startClient() {
        client = LiveClient.create(URI.create("http://localhost:" + server.port()));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    @DisplayName("an added item shows in the list of its own tab only")
    void addsItems() {
        try (LiveConnection tab = tab();
                LiveConnection other = tab()) {
            assertTrue(tab.event("add", Map.of("text", "milk")).ok());
            assertTrue(tab.event("add", Map.of("text", " <bread> ")).ok());
            assertEquals("<li>milk</li><li>&lt;bread&gt;</li>", items(tab));
            assertEquals("", error(tab));
            assertEquals("", items(other));
        }
    }

    @Test
    @DisplayName("todo.js refuses an empty item: the tab shows why and keeps its list")
    void refusesEmptyItems() {
        try (LiveConnection tab = tab()) {
            tab.event("add", Map.of("text", "milk"));
            for (Map<String, String> payload : List.of(Map.of("text", "   "), Map.<String, String>of())) {
                LiveReply reply = tab.event("add", payload);
                assertTrue(reply.ok(), "a refused item is still a handled event: " + reply);
                assertEquals("Write something to add", error(tab));
                assertEquals("<li>milk</li>", items(tab));
            }
            assertTrue(tab.event("add", Map.of("text", "eggs")).ok());
            assertEquals("", error(tab), "the message goes once an item is added");
        }
    }

    @Test
    @DisplayName("an unknown event gets an error reply and the list stays")
    void unknownEvent() {
        try (LiveConnection tab = tab()) {
            tab.event("add", Map.of("text", "milk"));
            LiveReply reply = tab.event("drop");
            assertFalse(reply.ok());
            assertEquals("<li>milk</li>", items(tab));
        }
    }

    private LiveConnection tab() {
        String token = client.page("/todo").token();
        LiveConnection tab = client.connect();
        LiveReply joined = tab.join(token);
        assertTrue(joined.ok(), "join: " + joined);
        return tab;
    }

    /** The list's items: the page's first hole. */
    private static String items(LiveConnection tab) {
        String html = tab.html();
        return html.substring(html.indexOf("<ul id=\"items\">") + 15, html.indexOf("</ul>"));
    }

    /** #error: the page's second hole. */
    private static String error(LiveConnection tab) {
        return tab.dynamic(1);
    }
}
