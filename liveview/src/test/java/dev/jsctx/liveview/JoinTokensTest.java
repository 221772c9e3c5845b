package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JoinTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(12);
    private final JoinTokens tokens = at(NOW);

    private static JoinTokens at(Instant now) {
        return new JoinTokens(SECRET, Duration.ofHours(1), LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void signedTokenGivesBackPathAndParams() throws Exception {
        String token = tokens.sign("/items", Map.of("id", "7"), "bound", "tab-1");
        JoinTokens.Claims claims = tokens.verify(token);
        assertEquals("/items", claims.path());
        assertEquals(Map.of("id", "7"), claims.params());
        assertEquals(NOW.getEpochSecond(), claims.issued());
        assertEquals("bound", claims.binding());
        assertEquals(token.substring(token.indexOf('.') + 1), claims.id());
    }

    @Test
    void refreshedTokensKeepTheTabId() throws Exception {
        String tabId = JoinTokens.newTabId();
        JoinTokens.Claims claims = tokens.verify(tokens.sign("/", Map.of(), "bound", tabId));
        assertEquals(tabId, claims.tabId());
        assertEquals(
                tabId, at(NOW.plusSeconds(60)).verify(tokens.refresh(claims)).tabId());
        assertEquals(22, tabId.length());
    }

    @Test
    void tokenWithChangedClaimsIsRefused() {
        String token = tokens.sign("/items", Map.of("id", "7"), "bound", "tab-1");
        String forgedBody = base64("{\"p\":\"/admin\",\"q\":{},\"e\":9999999999,\"i\":0}");
        String forged = forgedBody + token.substring(token.indexOf('.'));
        JoinTokens.InvalidTokenException e =
                assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(forged));
        assertEquals(CloseReason.TOKEN_INVALID, e.close());
        assertEquals("token signature is invalid", e.getMessage());
    }

    @Test
    void tokenFromAnotherSecretIsRefused() {
        JoinTokens other = new JoinTokens(
                "another secret of 32 bytes ......".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1),
                LIFETIME,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(
                JoinTokens.InvalidTokenException.class,
                () -> tokens.verify(other.sign("/", Map.of(), "bound", "tab-1")));
    }

    @Test
    void expiredTokenIsRefusedWithItsOwnCode() {
        JoinTokens past = at(NOW.minus(Duration.ofHours(2)));
        JoinTokens.InvalidTokenException e = assertThrows(
                JoinTokens.InvalidTokenException.class,
                () -> tokens.verify(past.sign("/", Map.of(), "bound", "tab-1")));
        assertEquals(CloseReason.TOKEN_EXPIRED, e.close());
    }

    @Test
    void refreshedTokensNeverOutliveTheMaximumLifetime() throws Exception {
        String token = tokens.sign("/", Map.of(), "bound", "tab-1");
        // a client that keeps rejoining every 50 minutes keeps getting fresh tokens...
        Instant now = NOW;
        for (int i = 0; i < 20; i++) {
            now = now.plus(Duration.ofMinutes(50));
            JoinTokens later = at(now);
            if (now.isAfter(NOW.plus(LIFETIME))) {
                String last = token;
                JoinTokens.InvalidTokenException e =
                        assertThrows(JoinTokens.InvalidTokenException.class, () -> later.verify(last));
                assertEquals(CloseReason.TOKEN_EXPIRED, e.close());
                return;
            }
            token = later.refresh(later.verify(token));
        }
        throw new AssertionError("a refreshed token outlived the maximum lifetime");
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"", "abc", "a.b", "%%%.%%%", "x".repeat(JoinTokens.MAX_TOKEN_CHARS + 1)}) {
            JoinTokens.InvalidTokenException e =
                    assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(garbage));
            assertEquals(CloseReason.TOKEN_INVALID, e.close());
        }
    }

    @Test
    void onlyTheCanonicalSpellingOfATokenIsAccepted() throws Exception {
        String token = tokens.sign("/", Map.of("a", "b"), "bound", "tab-1");
        tokens.verify(token);
        String body = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        // 32 signature bytes: 43 characters, the last one carries 2 unused bits
        String lowBitSet = signature.substring(0, 42) + flipLowBit(signature.charAt(42));
        for (String variant : new String[] {
            body + "." + signature + "=",
            body + "=." + signature,
            body + "." + lowBitSet,
            body + "." + signature.replace('-', '+')
        }) {
            if (variant.equals(token)) {
                continue;
            }
            JoinTokens.InvalidTokenException e =
                    assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(variant), variant);
            assertEquals(CloseReason.TOKEN_INVALID, e.close());
        }
    }

    @Test
    void signedClaimsOfTheWrongShapeAreRefusedAsInvalid() {
        for (String claims : new String[] {
            "{}",
            "[]",
            "{\"p\":1,\"q\":{},\"e\":9999999999,\"i\":1}",
            "{\"p\":\"/\",\"q\":[],\"e\":9999999999,\"i\":1}",
            "{\"p\":\"/\",\"q\":{\"a\":1},\"e\":9999999999,\"i\":1}",
            "{\"p\":\"/\",\"q\":{},\"e\":\"soon\",\"i\":1}",
            "{\"p\":\"/\",\"q\":{},\"e\":1.5,\"i\":1}",
            "{\"p\":\"/\",\"q\":{},\"e\":9999999999}",
            "{\"p\":\"/\",\"q\":{},\"e\":9999999999,\"i\":1}",
            "{\"p\":\"/\",\"q\":{},\"e\":9999999999,\"i\":1,\"b\":7}",
            "not json"
        }) {
            String body = base64(claims);
            String token = body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(body));
            JoinTokens.InvalidTokenException e =
                    assertThrows(JoinTokens.InvalidTokenException.class, () -> tokens.verify(token), claims);
            assertEquals(CloseReason.TOKEN_INVALID, e.close(), claims);
        }
    }

    /** The same character with its lowest base64 bit flipped (an unused bit in the last character). */
    private static char flipLowBit(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(c) ^ 1);
    }

    private static byte[] hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
