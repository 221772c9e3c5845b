package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tab whose connection went away rejoins the same view within the resume window, and only that tab can. */
class ResumeIT {

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private WebServer server;
    private LiveClient live;

    @BeforeEach
    void start() {
        server = WebServer.builder()
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                        .config(LiveViewConfig.builder().resumeWindow(WINDOW).build())
                        .view("/", TestView::new)
                        .build())
                .build()
                .start();
        live = browser();
    }

    @AfterEach
    void stop() {
        live.close();
        server.stop();
    }

    @Test
    void droppedTabResumesTheSameViewWithItsStateAndResources() throws Exception {
        LiveConnection first = live.connect();
        LiveReply joined = first.join(live.page("/").token());
        TestView.Resource resource = TestView.resourceOf(joined);
        first.event("inc");
        first.event("inc");
        first.abort();
        try (LiveConnection second = live.connect()) {
            LiveReply resumed = second.join(joined.token());
            assertTrue(resumed.ok(), resumed.json().toString());
            assertEquals(sessionId(joined), sessionId(resumed), "the same instance, not a new mount");
            assertEquals("2", second.dynamic(0));
            assertEquals("{\"0\":\"3\"}", second.event("inc").diff().toString());
            assertEquals(0, resource.closes.get(), "what the view owns stays open");
        }
    }

    @Test
    void aClosedSocketResumesTooAndEveryRejoinReplyCarriesOn() throws Exception {
        LiveConnection first = live.connect();
        LiveReply joined = first.join(live.page("/").token());
        first.event("inc");
        first.close();
        LiveConnection second = live.connect();
        LiveReply resumed = second.join(joined.token());
        second.event("inc");
        second.abort();
        try (LiveConnection third = live.connect()) {
            assertEquals(sessionId(joined), sessionId(third.join(resumed.token())));
            assertEquals("2", third.dynamic(0));
        }
    }

    @Test
    void afterTheWindowTheViewEndsAndTheTabMountsAfresh() throws Exception {
        LiveConnection first = live.connect();
        LiveReply joined = first.join(live.page("/").token());
        TestView.Resource resource = TestView.resourceOf(joined);
        first.event("inc");
        first.close();
        assertTrue(resource.closed.await(10, TimeUnit.SECONDS), "the view ended after the window");
        assertEquals(1, resource.closes.get());
        try (LiveConnection second = live.connect()) {
            LiveReply fresh = second.join(joined.token());
            assertTrue(fresh.ok(), fresh.json().toString());
            assertNotEquals(sessionId(joined), sessionId(fresh));
            assertEquals("0", second.dynamic(0));
        }
    }

    @Test
    void aTabWithAnotherSessionCookieCannotResume() throws Exception {
        LiveConnection first = live.connect();
        LiveReply joined = first.join(live.page("/").token());
        first.event("inc");
        first.abort();
        try (LiveClient other = browser();
                LiveConnection stranger = other.connect()) {
            stranger.joinAsync(joined.token());
            assertEquals(LiveProtocol.CLOSE_TOKEN_INVALID, stranger.closeCode());
        }
        try (LiveConnection back = live.connect()) {
            assertEquals(sessionId(joined), sessionId(back.join(joined.token())));
            assertEquals("1", back.dynamic(0));
        }
    }

    @Test
    void thePageTokenMountsANewViewEvenWhileTheOldOneWaits() throws Exception {
        String pageToken = live.page("/").token();
        LiveConnection first = live.connect();
        LiveReply joined = first.join(pageToken);
        first.event("inc");
        first.abort();
        try (LiveConnection second = live.connect()) {
            assertNotEquals(sessionId(joined), sessionId(second.join(pageToken)));
            assertEquals("0", second.dynamic(0));
        }
    }

    @Test
    void aResumeTakesTheViewFromAConnectionNotYetSeenToDrop() throws Exception {
        try (LiveConnection first = live.connect();
                LiveConnection second = live.connect()) {
            LiveReply joined = first.join(live.page("/").token());
            TestView.Resource resource = TestView.resourceOf(joined);
            first.event("inc");
            assertEquals(sessionId(joined), sessionId(second.join(joined.token())));
            assertEquals(LiveProtocol.CLOSE_RESUMED_ELSEWHERE, first.closeCode());
            assertEquals("{\"0\":\"2\"}", second.event("inc").diff().toString());
            assertEquals(0, resource.closes.get());
        }
    }

    /** A browser that has loaded a page: its sockets carry the session cookie the pages' tokens are bound to. */
    private LiveClient browser() {
        LiveClient client = LiveClient.create(URI.create("http://localhost:" + server.port()));
        client.page("/");
        return client;
    }

    private static String sessionId(LiveReply joinReply) {
        return joinReply.rendered().getString("1");
    }
}
