package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.LiveProtocol;
import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input over a raw WebSocket, as a broken or hostile client sends it. Each attack gets a clear refusal, and
 * afterwards the app is still UP and a bystander session, at 3 before the attack, still counts from 3.
 */
class CounterAppBadInputIT {

    @RegisterExtension
    static final CounterAppExtension APP = new CounterAppExtension(CounterApp.Setup.defaults());

    private LiveClient client;
    private String token;
    private LiveConnection bystander;

    @BeforeEach
    void bystanderAtThree(CounterApp app) {
        client = LiveClient.create(app.uri("/"));
        token = client.page("/").token();
        bystander = joined(app);
        for (int i = 0; i < 3; i++) {
            assertTrue(bystander.event("inc").ok(), "bystander's inc");
        }
        assertEquals("3", bystander.dynamic(0));
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close(); // drops the connections a failed test left open
        }
    }

    @Test
    @DisplayName("malformed JSON gets an error message, and the same socket can still join and count")
    void malformedJson(CounterApp app) throws Exception {
        try (LiveConnection attacker = client.connect(app.origin())) {
            attacker.send("{\"type\": \"join\", \"ref\": ");

            JsonObject error = attacker.next();
            assertEquals(LiveProtocol.TYPE_ERROR, error.getString(LiveProtocol.KEY_TYPE), error::toString);
            assertTrue(error.getString(LiveProtocol.KEY_REASON).contains("malformed JSON"), error::toString);

            assertTrue(attacker.join(token).ok(), "join after the malformed message");
            assertTrue(attacker.event("inc").ok(), "inc after the malformed message");
            assertEquals("1", attacker.dynamic(0));
        }
        assertBystanderUnharmed(app);
    }

    @Test
    @DisplayName("a message over 64 KB closes its socket with 1009")
    void oversizedFrame(CounterApp app) throws Exception {
        try (LiveConnection attacker = joined(app)) {
            String amount = "1".repeat(70 * 1024);
            attacker.send("{\"type\":\"event\",\"ref\":\"big\",\"event\":\"add\",\"payload\":{\"amount\":\"" + amount
                    + "\"}}");

            assertEquals(LiveProtocol.CLOSE_TOO_BIG, attacker.closeCode());
        }
        assertBystanderUnharmed(app);
    }

    @Test
    @DisplayName("a join with a forged token (claims changed, signature kept) closes its socket with 4401")
    void forgedToken(CounterApp app) throws Exception {
        try (LiveConnection attacker = client.connect(app.origin())) {
            attacker.send(Json.createObjectBuilder()
                    .add(LiveProtocol.KEY_TYPE, LiveProtocol.TYPE_JOIN)
                    .add(LiveProtocol.KEY_REF, "1")
                    .add(LiveProtocol.KEY_VERSION, LiveProtocol.PROTOCOL_VERSION)
                    .add(LiveProtocol.KEY_TOKEN, withLongerExpiry(token))
                    .build()
                    .toString());

            assertEquals(LiveProtocol.CLOSE_TOKEN_INVALID, attacker.closeCode());
        }
        assertBystanderUnharmed(app);
    }

    @Test
    @DisplayName("a WebSocket upgrade from another origin is refused")
    void crossOriginUpgrade(CounterApp app) throws Exception {
        LiveClientException refused = assertThrows(
                LiveClientException.class,
                () -> client.connect("http://evil.example").close());

        WebSocketHandshakeException handshake =
                assertInstanceOf(WebSocketHandshakeException.class, refused.getCause(), refused::toString);
        int status = handshake.getResponse().statusCode();
        assertTrue(status == 403 || status == 400, () -> "upgrade from another origin answered " + status);
        assertBystanderUnharmed(app);
    }

    @Test
    @DisplayName("an event flood beyond the rate bound is refused in part, then its socket is closed with 1008;"
            + " every accepted event counts, none twice")
    void eventFlood(CounterApp app) throws Exception {
        int flood = 400; // the bound: a burst of 100, then 50 per second; 60 refusals a minute close the socket
        try (LiveConnection attacker = joined(app)) {
            List<CompletableFuture<LiveReply>> sent = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                sent.add(attacker.eventAsync("inc", Map.of()));
            }
            // the requests still in flight when the socket closes fail: only answered ones count
            List<LiveReply> replies = sent.stream()
                    .map(reply -> reply.handle((answer, closed) -> answer).join())
                    .filter(Objects::nonNull)
                    .toList();
            assertEquals(LiveProtocol.CLOSE_POLICY_VIOLATION, attacker.closeCode(), "the flooding socket is closed");

            long accepted = replies.stream().filter(LiveReply::ok).count();
            List<LiveReply> refused =
                    replies.stream().filter(reply -> !reply.ok()).toList();
            assertTrue(!refused.isEmpty() && accepted > 0, () -> accepted + " of " + flood + " accepted");
            assertTrue(
                    refused.stream().allMatch(reply -> reply.reason().startsWith("rate limit exceeded")),
                    () -> "refusals: "
                            + refused.stream().map(LiveReply::reason).distinct().toList());
            assertEquals(Long.toString(accepted), attacker.dynamic(0), "the attacker's count");
        }
        assertBystanderUnharmed(app);
    }

    private LiveConnection joined(CounterApp app) {
        LiveConnection connection = client.connect(app.origin());
        LiveReply join = connection.join(token);
        assertTrue(join.ok(), join::toString);
        return connection;
    }

    /** The app is UP, and the bystander's next click takes its count from 3 to 4. */
    private void assertBystanderUnharmed(CounterApp app) throws Exception {
        app.healthChecks();
        try (LiveConnection connection = bystander) {
            LiveReply reply = connection.event("inc");
            assertTrue(reply.ok(), reply::toString);
            assertEquals("4", connection.dynamic(0), "the bystander's count after the attack and one more click");
        }
    }

    /** The token's claims with an expiry a year later, and the original signature. */
    private static String withLongerExpiry(String token) {
        int dot = token.indexOf('.');
        String claimsJson = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        JsonObject claims;
        try (JsonReader reader = Json.createReader(new StringReader(claimsJson))) {
            claims = reader.readObject();
        }
        JsonObject forged = Json.createObjectBuilder(claims)
                .add("e", Instant.now().plusSeconds(365L * 24 * 3600).getEpochSecond())
                .build();
        String claimsPart = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(forged.toString().getBytes(StandardCharsets.UTF_8));
        return claimsPart + token.substring(dot);
    }
}
