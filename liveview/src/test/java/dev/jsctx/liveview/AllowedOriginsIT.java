package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Origins configured once, under {@code liveview.allowed-origins} only: {@link LiveViewFeature#addTo} lets Helidon's
 * own WebSocket origin check admit them too.
 */
@ServerTest
@DisplayName("liveview.allowed-origins alone")
class AllowedOriginsIT {
    private static final String ALLOWED = "https://app.example";
    /**
     * The server's own port, chosen before it starts: its origin must be listed too, since a listed origin is also
     * the only Host a request may name.
     */
    private static final int PORT = freePort();

    private final LiveClient live;

    AllowedOriginsIT(WebServer server) {
        this.live = LiveClient.create(URI.create("http://localhost:" + server.port()));
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        Config config = Config.just(ConfigSources.create(Map.of(
                "liveview.allowed-origins.0", ALLOWED, "liveview.allowed-origins.1", "http://localhost:" + PORT)));
        server.port(PORT);
        LiveViewFeature.builder()
                .config(LiveViewConfig.create(config.get("liveview")))
                .view("/", TestView::new)
                .build()
                .addTo(server);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeClient() {
        live.close();
    }

    @Test
    @DisplayName("a WebSocket from an allowed origin is accepted and joins")
    void allowedOriginJoins() {
        try (LiveConnection tab = live.connect(ALLOWED)) {
            assertTrue(tab.join(live.page("/").token()).ok());
        }
    }

    @Test
    @DisplayName("a WebSocket from any other origin is refused by Helidon's check")
    void otherOriginIsRefused() {
        LiveClientException e = assertThrows(LiveClientException.class, () -> live.connect("https://evil.example"));
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(
                403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
}
