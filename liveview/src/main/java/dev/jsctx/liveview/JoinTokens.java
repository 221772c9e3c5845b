package dev.jsctx.liveview;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks join tokens: {@code base64url(claims JSON) + "." + base64url(HMAC-SHA256 of the first part)}.
 * The claims bind a view path, the page's params, an expiry, the time the page was rendered (epoch seconds),
 * a hash of the page's session cookie and the tab's id (random per rendered page, the key of its parked state);
 * refreshed tokens keep the page's time, so no chain of refreshes outlives {@code maxLifetime}. Each token has
 * one valid spelling: base64url without padding, with no unused bits set. Thread-safe.
 */
final class JoinTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String CLAIM_PATH = "p";
    private static final String CLAIM_PARAMS = "q";
    private static final String CLAIM_EXPIRY = "e";
    private static final String CLAIM_ISSUED = "i";
    private static final String CLAIM_BINDING = "b";
    private static final String CLAIM_TAB = "t";
    private static final SecureRandom TAB_IDS = new SecureRandom();
    /** Longer tokens are refused before any decoding. */
    static final int MAX_TOKEN_CHARS = 8192;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Duration maxLifetime;
    private final Clock clock;

    JoinTokens(byte[] secret, Duration ttl, Duration maxLifetime, Clock clock) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.ttl = ttl;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    /**
     * The claims of a valid token.
     *
     * @param issued  epoch second the page was rendered
     * @param binding what the token is bound to: {@link SessionCookie#binding(String)} of the page's cookie
     * @param tabId   the tab's id, the same in every refreshed token of one page
     * @param id      identifies this token (its signature), for per-token limits
     */
    record Claims(String path, Map<String, String> params, long issued, String binding, String tabId, String id) {}

    /** Why a token was refused; {@code close} says how to close the socket, the message is for the log. */
    static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient CloseReason close;

        InvalidTokenException(CloseReason close, String message) {
            super(message, null, false, false);
            this.close = close;
        }

        CloseReason close() {
            return close;
        }
    }

    /** A new tab id: 16 random bytes, base64url (22 characters). */
    static String newTabId() {
        byte[] bytes = new byte[16];
        TAB_IDS.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * A token for a page rendered now, bound to {@code binding} (see {@link SessionCookie#binding(String)}), for
     * the tab {@code tabId} (see {@link #newTabId()}).
     */
    String sign(String path, Map<String, String> params, String binding, String tabId) {
        return sign(path, params, clock.instant().getEpochSecond(), binding, tabId);
    }

    /** A fresh token for a joined view: same page, render time, binding and tab; expiry moved on (never past the lifetime). */
    String refresh(Claims claims) {
        return sign(claims.path(), claims.params(), claims.issued(), claims.binding(), claims.tabId());
    }

    private String sign(String path, Map<String, String> params, long issued, String binding, String tabId) {
        JsonObjectBuilder query = RenderedJson.JSON.createObjectBuilder();
        params.forEach(query::add);
        String claims = RenderedJson.JSON
                .createObjectBuilder()
                .add(CLAIM_PATH, path)
                .add(CLAIM_PARAMS, query)
                .add(
                        CLAIM_EXPIRY,
                        Math.min(clock.instant().plus(ttl).getEpochSecond(), issued + maxLifetime.toSeconds()))
                .add(CLAIM_ISSUED, issued)
                .add(CLAIM_BINDING, binding)
                .add(CLAIM_TAB, tabId)
                .build()
                .toString();
        String body = ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    Claims verify(String token) throws InvalidTokenException {
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_CHARS || dot < 0) {
            throw invalid("token is malformed");
        }
        String body = token.substring(0, dot);
        String signaturePart = token.substring(dot + 1);
        byte[] signature = canonicalDecode(signaturePart);
        byte[] claimBytes = canonicalDecode(body);
        if (!MessageDigest.isEqual(signature, mac(body))) {
            throw invalid("token signature is invalid");
        }
        // signed by us, but a token from another version or a leaked key could still have another shape
        JsonObject claims;
        try (JsonReader reader =
                RenderedJson.PROVIDER.createReader(new StringReader(new String(claimBytes, StandardCharsets.UTF_8)))) {
            claims = reader.readObject();
        } catch (RuntimeException e) {
            throw invalid("token claims are malformed");
        }
        if (!(claims.get(CLAIM_PATH) instanceof JsonString path)
                || !(claims.get(CLAIM_PARAMS) instanceof JsonObject query)
                || !(claims.get(CLAIM_EXPIRY) instanceof JsonNumber expiry && expiry.isIntegral())
                || !(claims.get(CLAIM_ISSUED) instanceof JsonNumber issued && issued.isIntegral())
                || !(claims.get(CLAIM_BINDING) instanceof JsonString binding)
                || !(claims.get(CLAIM_TAB) instanceof JsonString tab)) {
            throw invalid("token claims are malformed");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> param : query.entrySet()) {
            if (!(param.getValue() instanceof JsonString value)) {
                throw invalid("token claims are malformed");
            }
            params.put(param.getKey(), value.getString());
        }
        long now = clock.instant().getEpochSecond();
        if (expiry.longValue() < now || issued.longValue() + maxLifetime.toSeconds() < now) {
            throw new InvalidTokenException(CloseReason.TOKEN_EXPIRED, "token has expired");
        }
        return new Claims(
                path.getString(),
                Map.copyOf(params),
                issued.longValue(),
                binding.getString(),
                tab.getString(),
                signaturePart);
    }

    /** Decode strict base64url without padding; any other spelling of the same bytes is refused. */
    private static byte[] canonicalDecode(String part) throws InvalidTokenException {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw invalid("token is malformed");
            }
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw invalid("token is malformed");
        }
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw invalid("token is not in canonical form");
        }
        return bytes;
    }

    private static InvalidTokenException invalid(String message) {
        return new InvalidTokenException(CloseReason.TOKEN_INVALID, message);
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
