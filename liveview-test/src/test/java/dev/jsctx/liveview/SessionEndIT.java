package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Views end when heartbeats stop and when the server stops. */
class SessionEndIT {

    @Test
    void silentSocketIsClosedAndItsViewEnds() throws Exception {
        WebServer server = start(Duration.ofMillis(200));
        try (LiveClient live = clientOf(server);
                LiveConnection silent = live.connect();
                LogCapture log = LogCapture.start()) {
            TestView.Resource resource =
                    TestView.resourceOf(silent.join(live.page("/").token()));
            assertEquals(LiveProtocol.CLOSE_HEARTBEAT_TIMEOUT, silent.closeCode());
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, resource.closes.get());
            assertEquals(1, log.lines().size(), log.lines().toString());
        } finally {
            server.stop();
        }
    }

    @Test
    void stoppingServerEndsEveryView() throws Exception {
        WebServer server = start(Duration.ofSeconds(30));
        try (LiveClient live = clientOf(server);
                LiveConnection a = live.connect();
                LiveConnection b = live.connect()) {
            String token = live.page("/").token();
            TestView.Resource first = TestView.resourceOf(a.join(token));
            TestView.Resource second = TestView.resourceOf(b.join(token));
            server.stop();
            assertTrue(first.closed.await(10, TimeUnit.SECONDS));
            assertTrue(second.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, first.closes.get());
            assertEquals(1, second.closes.get());
        }
    }

    /** A browser that has loaded a page: its sockets carry the session cookie the pages' tokens are bound to. */
    private static LiveClient clientOf(WebServer server) {
        LiveClient live = LiveClient.create(URI.create("http://localhost:" + server.port()));
        live.page("/");
        return live;
    }

    private static WebServer start(Duration heartbeat) {
        return WebServer.builder()
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                        .config(LiveViewConfig.builder()
                                .heartbeatInterval(heartbeat)
                                .resumeWindow(Duration.ZERO)
                                .build())
                        .view("/", TestView::new)
                        .build())
                .build()
                .start();
    }
}
