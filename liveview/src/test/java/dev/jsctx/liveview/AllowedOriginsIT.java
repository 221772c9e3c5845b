package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
    private static final String SECRET = "a test secret, at least 32 bytes long";

    private final int port;
    private final LiveClient live;

    AllowedOriginsIT(WebServer server) {
        this.port = server.port();
        this.live = LiveClient.create(URI.create("http://localhost:" + server.port()));
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        Config config = Config.just(
                ConfigSources.create(Map.of("liveview.allowed-origins.0", ALLOWED, "liveview.secret", SECRET)));
        LiveViewFeature.builder()
                .config(LiveViewConfig.create(config.get("liveview")))
                .view("/", TestView::new)
                .build()
                .addTo(server);
    }

    @AfterEach
    void closeClient() {
        live.close();
    }

    @Test
    @DisplayName("a WebSocket from an allowed origin is accepted and joins")
    void allowedOriginJoins() throws Exception {
        // the Host must name the allowed origin too, which java.net.http cannot send: a raw socket
        String cookie = SessionCookie.create();
        String token = new JoinTokens(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        Duration.ofMinutes(1),
                        Duration.ofHours(1),
                        Clock.systemUTC())
                .sign("/", Map.of(), SessionCookie.binding(cookie), JoinTokens.newTabId());
        try (RawWebSocket tab = RawWebSocket.connect(port, "app.example", ALLOWED, 0, cookie)) {
            assertTrue(tab.upgraded(), tab.handshake);
            tab.sendText("{\"type\":\"join\",\"ref\":\"1\",\"version\":\"1\",\"token\":\"" + token + "\"}");
            String reply = tab.read().text();
            assertTrue(reply.contains("\"status\":\"ok\""), reply);
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
