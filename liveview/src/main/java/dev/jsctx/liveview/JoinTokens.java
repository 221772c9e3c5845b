package dev.jsctx.liveview;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks join tokens: {@code base64url(claims JSON) + "." + base64url(HMAC-SHA256 of the first part)}.
 * The claims bind a view path, the page's params and an expiry (epoch seconds). Thread-safe.
 */
final class JoinTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String CLAIM_PATH = "p";
    private static final String CLAIM_PARAMS = "q";
    private static final String CLAIM_EXPIRY = "e";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    JoinTokens(byte[] secret, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The claims of a valid token. */
    record Claims(String path, Map<String, String> params) {}

    /** Why a token was refused; {@code code} is the WebSocket close code to use. */
    static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        InvalidTokenException(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    String sign(String path, Map<String, String> params) {
        JsonObjectBuilder query = RenderedJson.JSON.createObjectBuilder();
        params.forEach(query::add);
        String claims = RenderedJson.JSON
                .createObjectBuilder()
                .add(CLAIM_PATH, path)
                .add(CLAIM_PARAMS, query)
                .add(CLAIM_EXPIRY, clock.instant().plus(ttl).getEpochSecond())
                .build()
                .toString();
        String body = ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    Claims verify(String token) throws InvalidTokenException {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw invalid("token is malformed");
        }
        String body = token.substring(0, dot);
        byte[] signature;
        byte[] claimBytes;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            claimBytes = DECODER.decode(body);
        } catch (IllegalArgumentException e) {
            throw invalid("token is malformed");
        }
        if (!MessageDigest.isEqual(signature, mac(body))) {
            throw invalid("token signature is invalid");
        }
        JsonObject claims;
        try (JsonReader reader =
                RenderedJson.PROVIDER.createReader(new StringReader(new String(claimBytes, StandardCharsets.UTF_8)))) {
            claims = reader.readObject();
        } catch (JsonException | ClassCastException e) {
            throw invalid("token claims are malformed");
        }
        if (claims.getJsonNumber(CLAIM_EXPIRY).longValue() < clock.instant().getEpochSecond()) {
            throw new InvalidTokenException(LiveProtocol.CLOSE_TOKEN_EXPIRED, "token has expired");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> param :
                claims.getJsonObject(CLAIM_PARAMS).entrySet()) {
            params.put(param.getKey(), ((JsonString) param.getValue()).getString());
        }
        return new Claims(claims.getString(CLAIM_PATH), Map.copyOf(params));
    }

    private static InvalidTokenException invalid(String message) {
        return new InvalidTokenException(LiveProtocol.CLOSE_TOKEN_INVALID, message);
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
