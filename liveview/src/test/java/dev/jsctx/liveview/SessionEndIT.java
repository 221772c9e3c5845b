package dev.jsctx.liveview;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views end when heartbeats stop and when the server stops. */
class SessionEndIT {

    @Test
    void silentSocketIsClosedAndItsViewEnds() throws Exception {
        WebServer server = start(Duration.ofMillis(200));
        try (TestClient silent = TestClient.open(server.port()); LogCapture log = LogCapture.start()) {
            TestView.Resource resource = TestView.resourceOf(silent.join(server.port(), "/"));
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
        try (TestClient a = TestClient.open(server.port()); TestClient b = TestClient.open(server.port())) {
            TestView.Resource first = TestView.resourceOf(a.join(server.port(), "/"));
            TestView.Resource second = TestView.resourceOf(b.join(server.port(), "/"));
            server.stop();
            assertTrue(first.closed.await(10, TimeUnit.SECONDS));
            assertTrue(second.closed.await(10, TimeUnit.SECONDS));
            assertEquals(1, first.closes.get());
            assertEquals(1, second.closes.get());
        }
    }

    private static WebServer start(Duration heartbeat) {
        return WebServer.builder()
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                                    .config(LiveViewConfig.builder().heartbeatInterval(heartbeat).build())
                                    .view("/", TestView::new)
                                    .build())
                .build()
                .start();
    }
}
