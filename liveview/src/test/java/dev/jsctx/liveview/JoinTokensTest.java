package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private final JoinTokens tokens = new JoinTokens(SECRET, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signedTokenGivesBackPathAndParams() throws Exception {
        JoinTokens.Claims claims = tokens.verify(tokens.sign("/items", Map.of("id", "7")));
        assertEquals(new JoinTokens.Claims("/items", Map.of("id", "7")), claims);
    }

    @Test
    void tokenWithChangedClaimsIsRefused() {
        String token = tokens.sign("/items", Map.of("id", "7"));
        String forgedBody = JoinTokensTest.base64("{\"p\":\"/admin\",\"q\":{},\"e\":9999999999}");
        String forged = forgedBody + token.substring(token.indexOf('.'));
        JoinTokens.InvalidTokenException e =
                assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(forged));
        assertEquals(LiveProtocol.CLOSE_TOKEN_INVALID, e.code());
        assertEquals("token signature is invalid", e.getMessage());
    }

    @Test
    void tokenFromAnotherSecretIsRefused() {
        JoinTokens other = new JoinTokens(
                "another secret of 32 bytes ......".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(other.sign("/", Map.of())));
    }

    @Test
    void expiredTokenIsRefusedWithItsOwnCode() {
        JoinTokens past = new JoinTokens(
                SECRET, Duration.ofHours(1), Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC));
        JoinTokens.InvalidTokenException e =
                assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(past.sign("/", Map.of())));
        assertEquals(LiveProtocol.CLOSE_TOKEN_EXPIRED, e.code());
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"", "abc", "a.b", "%%%.%%%"}) {
            JoinTokens.InvalidTokenException e =
                    assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(garbage));
            assertEquals(LiveProtocol.CLOSE_TOKEN_INVALID, e.code());
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
