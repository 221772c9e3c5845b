package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void aTabBackJustAsItsWindowEndsJoinsWithTheStateItsEndingViewParks() throws Exception {
        SlowParkingView.reset();
        WebServer parkingServer = WebServer.builder()
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                        .config(LiveViewConfig.builder()
                                .resumeWindow(Duration.ofMillis(200))
                                .build())
                        .view("/", SlowParkingView::new)
                        .build())
                .build()
                .start();
        try (LiveClient tab = LiveClient.create(URI.create("http://localhost:" + parkingServer.port()))) {
            String token = tab.page("/").token(); // the page sets the session cookie the sockets carry
            LiveConnection first = tab.connect();
            LiveReply joined = first.join(token);
            first.event("inc");
            first.event("inc");
            first.close();
            assertTrue(SlowParkingView.parking.await(10, TimeUnit.SECONDS), "the window ended; the view parks");
            // the view can no longer be resumed: this rejoin mounts afresh, and must wait for the state being parked
            try (LiveConnection second = tab.connect()) {
                CompletableFuture<LiveReply> rejoin = second.joinAsync(joined.token());
                assertTrue(SlowParkingView.secondInstance.await(10, TimeUnit.SECONDS), "the rejoin reached the view");
                assertThrows(
                        TimeoutException.class,
                        () -> rejoin.get(500, TimeUnit.MILLISECONDS),
                        "the rejoin waits while the ending view parks");
                SlowParkingView.release.countDown();
                assertTrue(rejoin.get(10, TimeUnit.SECONDS).ok());
                assertEquals("2", second.dynamic(0), "the count the ending view parked");
            }
        } finally {
            SlowParkingView.release.countDown();
            parkingServer.stop();
        }
    }

    /** A counter that parks its count only once the test lets it, to race a rejoin against the end of its window. */
    static final class SlowParkingView implements LiveView {
        private static final Template PAGE = Template.of("<p id=\"count\">{}</p>");
        private static final AtomicInteger INSTANCES = new AtomicInteger();
        static volatile CountDownLatch parking;
        static volatile CountDownLatch release;
        static volatile CountDownLatch secondInstance;

        private int count;

        SlowParkingView() {
            if (INSTANCES.incrementAndGet() == 2) {
                secondInstance.countDown();
            }
        }

        static void reset() {
            INSTANCES.set(0);
            parking = new CountDownLatch(1);
            release = new CountDownLatch(1);
            secondInstance = new CountDownLatch(1);
        }

        @Override
        public void mount(Map<String, String> params, LiveSession session) {}

        @Override
        public void handleEvent(String name, JsonObject payload) {
            count++;
        }

        @Override
        public Optional<JsonValue> park() throws InterruptedException {
            parking.countDown();
            release.await(10, TimeUnit.SECONDS);
            return Optional.of(Json.createValue(count));
        }

        @Override
        public void resume(JsonValue state) {
            count = ((JsonNumber) state).intValue();
        }

        @Override
        public Rendered render() {
            return PAGE.with(String.valueOf(count));
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
