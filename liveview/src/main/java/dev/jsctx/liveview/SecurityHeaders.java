package dev.jsctx.liveview;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The headers every page carries: a Content-Security-Policy the client works under (its scripts are modules
 * from this server, its socket goes back to this server), no framing by other sites, no MIME sniffing, no
 * referrer, and no caching, since a page carries a join token.
 */
final class SecurityHeaders {

    /**
     * Scripts, styles, connections and forms only from this origin ({@code 'self'} covers the page's own
     * {@code ws:}/{@code wss:} origin); inline styles allowed, as page layouts commonly inline their CSS; no
     * inline script, plugins, base-URI changes or framing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    static void addTo(ServerResponse response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
    }
}
