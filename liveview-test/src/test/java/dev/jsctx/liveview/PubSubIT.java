package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Views that hear each other through PubSub, and a tab whose state outlives its server. */
class PubSubIT {

    private static final String SECRET = "a secret that every node of the test shares";

    @Test
    void aTabHearsTheOthersAndCountsThem() {
        PubSub pubSub = PubSub.inProcess();
        WebServer server = start(0, feature(pubSub, ParkStore.inMemory()));
        try (LiveClient live = clientOf(server);
                LiveConnection a = live.connect();
                LiveConnection b = live.connect()) {
            String token = live.page("/?topic=room").token();
            a.join(token);
            b.join(live.page("/?topic=room").token());
            awaitDynamic(b, 1, "2");
            awaitDynamic(a, 1, "2");

            a.event("say", Map.of("text", "<hello>"));
            awaitDynamic(b, 0, "&lt;hello&gt;");
            pubSub.broadcast("room", jakarta.json.Json.createValue("from the server"));
            awaitDynamic(a, 0, "from the server");
            awaitDynamic(b, 0, "from the server");

            b.close();
            awaitDynamic(a, 1, "1");
        } finally {
            server.stop();
            pubSub.close();
        }
    }

    @Test
    void aDroppedTabLeavesItsTopicAtOnceAndAResumeCountsItAgain() {
        PubSub pubSub = PubSub.inProcess();
        WebServer server = start(0, feature(pubSub, ParkStore.inMemory()));
        try (LiveClient live = clientOf(server);
                LiveConnection a = live.connect()) {
            a.join(live.page("/?topic=room").token());
            LiveConnection b = live.connect();
            LiveReply bJoined = b.join(live.page("/?topic=room").token());
            awaitDynamic(a, 1, "2");
            b.event("inc");

            // b's view waits out the (default, 30 s) resume window, but no longer counts
            b.abort();
            awaitDynamic(a, 1, "1");
            try (LiveConnection bAgain = live.connect()) {
                bAgain.join(bJoined.token());
                assertEquals("1", bAgain.dynamic(2), "the same view, resumed with its count");
                awaitDynamic(a, 1, "2");
                awaitDynamic(bAgain, 1, "2");
            }
        } finally {
            server.stop();
            pubSub.close();
        }
    }

    @Test
    void aTabResumesItsParkedStateOnTheServerThatReplacedItsOwn() {
        ParkStore shared = ParkStore.inMemory();
        LiveViewFeature firstFeature = feature(PubSub.inProcess(), shared);
        WebServer first = start(0, firstFeature);
        int port = first.port();
        WebServer second = null;
        try (LiveClient live = clientOf(first)) {
            String token;
            try (LiveConnection tab = live.connect()) {
                token = tab.join(live.page("/").token()).token();
                tab.event("inc");
                tab.event("inc");
                tab.event("inc");
                firstFeature.drain(); // parks, then closes the socket with 1001, as on SIGTERM
                assertEquals(LiveProtocol.CLOSE_GOING_AWAY, tab.closed().join());
                first.stop();
            }
            second = start(port, feature(PubSub.inProcess(), shared));
            try (LiveConnection rejoined = live.connect()) {
                LiveReply reply = rejoined.join(token);
                assertEquals("3", rejoined.dynamic(2), reply.toString());
            }
            // another page is another tab: it starts afresh
            try (LiveConnection other = live.connect()) {
                other.join(live.page("/").token());
                assertEquals("0", other.dynamic(2));
            }
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
    }

    private static void awaitDynamic(LiveConnection tab, int slot, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!expected.equals(tab.dynamic(slot))) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, tab.dynamic(slot), "slot " + slot + " within 5 s");
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static LiveClient clientOf(WebServer server) {
        LiveClient live = LiveClient.create(URI.create("http://localhost:" + server.port()));
        live.page("/");
        return live;
    }

    private static LiveViewFeature feature(PubSub pubSub, ParkStore parkStore) {
        Supplier<LiveView> views = () -> new SharingView(pubSub);
        return LiveViewFeature.builder()
                .config(LiveViewConfig.builder().secret(SECRET).build())
                .pubSub(pubSub)
                .parkStore(parkStore)
                .view("/", views)
                .build();
    }

    private static WebServer start(int port, LiveViewFeature feature) {
        return WebServer.builder()
                .port(port)
                .host("localhost")
                .addFeature(feature)
                .build()
                .start();
    }
}
