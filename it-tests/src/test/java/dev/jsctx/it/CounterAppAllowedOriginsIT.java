package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import java.net.http.WebSocketHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged app with one extra allowed origin, set once, through the environment ({@code LIVEVIEW_ALLOWED_ORIGINS}
 * is Helidon's name for {@code liveview.allowed-origins}): a page served from that origin may open the WebSocket,
 * any other origin is refused by Helidon's own check.
 */
class CounterAppAllowedOriginsIT {
    private static final String ALLOWED = "https://app.example";

    @RegisterExtension
    static final CounterAppExtension APP =
            new CounterAppExtension(CounterApp.Setup.defaults().allowingOrigin(ALLOWED));

    @Test
    @DisplayName("the origin set in LIVEVIEW_ALLOWED_ORIGINS joins and counts; another origin gets 403")
    void allowedOriginOnly(CounterApp app) {
        try (LiveClient client = LiveClient.create(app.uri("/"))) {
            String token = client.page("/").token();
            try (LiveConnection tab = client.connect(ALLOWED)) {
                assertTrue(tab.join(token).ok());
                assertTrue(tab.event("inc").ok());
                assertEquals("1", tab.dynamic(0));
            }
            LiveClientException refused = assertThrows(
                    LiveClientException.class,
                    () -> client.connect("https://evil.example").close());
            WebSocketHandshakeException handshake =
                    assertInstanceOf(WebSocketHandshakeException.class, refused.getCause(), refused::toString);
            assertEquals(403, handshake.getResponse().statusCode());
        }
    }
}
