package dev.jsctx.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The running counter app, driven over its WebSocket like a browser tab, on one engine. Subclasses choose the
 * engine ({@code pool.engine}) and start the server with {@link #setUp}.
 */
abstract class CounterSessionsIT {
    private static final Pattern CONTEXTS_OPEN = Pattern.compile("(?m)^jsctx_contexts_open(?:\\{[^}]*})? ([0-9.]+)");
    private static CounterApp app;

    private final URI base;
    private LiveClient client;

    CounterSessionsIT(WebServer server) {
        this.base = URI.create("http://localhost:" + server.port());
    }

    /** Starts the app on the given engine, with the rest of the configuration as shipped. */
    static void setUp(WebServerConfig.Builder server, String engine) {
        Config config = Config.just(
                // a view outlives its connection by a second (not 30): the tests see contexts close soon
                ConfigSources.create(
                        Map.of("pool.engine", engine, "server.port", "0", "liveview.resume-window", "PT1S")),
                ConfigSources.classpath("application.yaml"));
        app = CounterApp.start(config);
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
    @DisplayName("two sessions keep separate counts")
    void separateCounts() {
        try (LiveConnection a = tab();
                LiveConnection b = tab()) {
            for (int i = 0; i < 3; i++) {
                assertTrue(a.event("inc").ok());
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(b.event("dec").ok());
            }
            assertEquals("3", count(a));
            assertEquals("-2", count(b));
            assertTrue(a.event("add", Map.of("amount", "5")).ok());
            assertEquals("8", count(a));
            assertEquals("-2", count(b));
        }
    }

    @Test
    @DisplayName("closing a session closes its context after the resume window: contexts open goes back down by one")
    void closingReleasesTheContext() {
        LiveConnection first = tab();
        int withBoth;
        try (LiveConnection second = tab()) {
            withBoth = awaitContextsOpen(open -> open >= 2);
        }
        assertEquals(withBoth - 1, awaitContextsOpen(open -> open == withBoth - 1));
        first.close();
    }

    @Test
    @DisplayName("a tab that joins again gets its count back: parked when its socket closed, restored into counter.js")
    void rejoinedTabGetsItsCountBack() {
        String token = client.page("/").token();
        String refreshed;
        int withTab;
        try (LiveConnection tab = client.connect()) {
            refreshed = tab.join(token).token();
            for (int i = 0; i < 3; i++) {
                assertTrue(tab.event("inc").ok());
            }
            withTab = awaitContextsOpen(open -> open >= 1);
        }
        // the view parks before its context closes (when its resume window ends): once it is closed, the count is
        // parked; other tests' views may close meanwhile too, so fewer rather than exactly one less
        awaitContextsOpen(open -> open < withTab);
        try (LiveConnection again = client.connect()) {
            assertTrue(again.join(refreshed).ok());
            assertEquals("3", count(again));
            assertTrue(again.event("inc").ok());
            assertEquals("4", count(again));
        }
    }

    @Test
    @DisplayName("a bad amount shows a message in #error; the count and the other session stay as they were")
    void badAmounts() {
        try (LiveConnection tab = tab();
                LiveConnection other = tab()) {
            tab.event("inc");
            other.event("add", Map.of("amount", "7"));
            for (String amount : new String[] {"abc", "1e309", "9007199254740993", "", "1.5", "1".repeat(33)}) {
                LiveReply reply = tab.event("add", Map.of("amount", amount));
                assertTrue(reply.ok(), "a refused amount is still a handled event: " + reply);
                assertEquals("1", count(tab), "count after amount '" + abbreviate(amount) + "'");
                assertFalse(error(tab).isBlank(), "#error explains amount '" + abbreviate(amount) + "'");
            }
            tab.event("inc");
            assertEquals("2", count(tab));
            assertEquals("", error(tab), "#error clears once an input is accepted");
            assertEquals("7", count(other));
            assertEquals("", error(other));
        }
    }

    @Test
    @DisplayName("a long amount is refused before JS sees it: by the counter past 32 characters, by liveview past 4096")
    void longAmountsNeverReachJs() {
        try (LiveConnection tab = tab()) {
            tab.event("inc");
            assertTrue(tab.event("add", Map.of("amount", "1".repeat(33))).ok());
            assertEquals("The amount is too long: at most 32 characters.", error(tab));
            LiveReply refused = tab.event("add", Map.of("amount", "1".repeat(65_000 / 2)));
            assertFalse(refused.ok());
            assertEquals("event value longer than 4096 characters", refused.reason());
            assertEquals("1", count(tab));
        }
    }

    @Test
    @DisplayName("a tab whose connection dropped rejoins its own counter: the count survives")
    void droppedTabKeepsItsCount() {
        String token = client.page("/").token();
        LiveConnection first = client.connect();
        LiveReply joined = first.join(token);
        first.event("inc");
        first.event("add", Map.of("amount", "41"));
        first.abort();
        try (LiveConnection back = client.connect()) {
            assertTrue(back.join(joined.token()).ok());
            assertEquals("42", count(back));
            assertTrue(back.event("inc").ok());
            assertEquals("43", count(back));
        }
    }

    @Test
    @DisplayName("an unknown event gets an error reply and changes nothing")
    void unknownEvent() {
        try (LiveConnection tab = tab()) {
            tab.event("inc");
            LiveReply reply = tab.event("explode");
            assertFalse(reply.ok());
            assertTrue(reply.reason().contains("explode"), reply.reason());
            assertTrue(tab.event("inc").ok());
            assertEquals("2", count(tab));
        }
    }

    @Test
    @DisplayName("#memory says the engine does not measure (both engines, on the class path), and Measure keeps it so")
    void memoryNotMeasured() {
        try (LiveConnection tab = tab()) {
            assertEquals("not measured by this engine", memory(tab));
            assertTrue(tab.event("measure").ok());
            assertEquals("not measured by this engine", memory(tab));
            assertTrue(tab.event("inc").ok());
            assertEquals("1", count(tab));
        }
    }

    private LiveConnection tab() {
        String token = client.page("/").token();
        LiveConnection connection = client.connect();
        LiveReply joined = connection.join(token);
        assertTrue(joined.ok(), "join: " + joined);
        return connection;
    }

    /** #count: the first hole of the counter's template. */
    private static String count(LiveConnection tab) {
        return tab.dynamic(0);
    }

    /** #error: the second hole. */
    private static String error(LiveConnection tab) {
        return tab.dynamic(1);
    }

    /** #memory: the fourth hole. */
    private static String memory(LiveConnection tab) {
        return tab.dynamic(3);
    }

    private int awaitContextsOpen(IntPredicate condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int open = -1;
        while (System.nanoTime() < deadline) {
            Matcher metric = CONTEXTS_OPEN.matcher(client.get("/observe/metrics"));
            if (metric.find()) {
                open = (int) Double.parseDouble(metric.group(1));
                if (condition.test(open)) {
                    return open;
                }
            }
            Thread.onSpinWait();
        }
        return fail("contexts open never reached the expected value; last seen " + open);
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "… (" + text.length() + " chars)" : text;
    }
}
