package dev.jsctx.liveview;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The cookie a page sets and its socket must send back: join tokens carry a hash of it, so a token copied out
 * of a page (a log, a screenshot, another machine) does not join without the browser's cookie, which scripts
 * cannot read (HttpOnly) and other sites cannot send (SameSite=Strict). Thread-safe.
 */
final class SessionCookie {

    /** 32 random bytes, base64url without padding. */
    private static final int VALUE_CHARS = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionCookie() {}

    /** The request's session cookie, if it has a well-formed one. */
    static Optional<String> of(Headers headers) {
        for (String header : headers.values(HeaderNames.COOKIE)) {
            for (String pair : header.split(";")) {
                String cookie = pair.trim();
                if (cookie.startsWith(LiveProtocol.COOKIE_SESSION + "=")) {
                    String value = cookie.substring(LiveProtocol.COOKIE_SESSION.length() + 1);
                    if (wellFormed(value)) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A new random cookie value. */
    static String create() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** The {@code Set-Cookie} header value: HttpOnly, SameSite=Strict, for the whole site, Secure over TLS. */
    static String setCookie(String value, boolean secure) {
        return LiveProtocol.COOKIE_SESSION + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** What a token carries of the cookie: a hash, so a token never reveals the cookie. */
    static String binding(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return ENCODER.encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean wellFormed(String value) {
        return value.length() == VALUE_CHARS && value.chars().allMatch(SessionCookie::base64url);
    }

    private static boolean base64url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
