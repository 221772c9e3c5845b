package dev.jsctx.liveview;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the {@code Host} and {@code Origin} headers against the public origins the application is served at
 * ({@link LiveViewConfig#allowedOrigins()}), so a DNS-rebinding page (whose Host and Origin both name the
 * attacker's domain) gets neither a page nor a socket. With no origins configured, only loopback names are
 * accepted ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}, any port): the development default.
 * Immutable and thread-safe.
 */
final class Origins {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Configured origins, lower case, as {@code scheme://host[:port]}. */
    private final Set<String> origins;
    /** Their authorities as a Host header may name them, with and without the scheme's default port. */
    private final Set<String> hosts;

    Origins(Set<String> configured) {
        this.origins = configured.stream()
                .map(origin -> stripSlash(origin.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
        this.hosts = origins.stream()
                .flatMap(origin -> {
                    URI uri = URI.create(origin);
                    String host = uri.getHost();
                    int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
                    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
                    return port == defaultPort
                            ? java.util.stream.Stream.of(host, host + ":" + port)
                            : java.util.stream.Stream.of(host + ":" + port);
                })
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Why a page request is refused, for the log, or {@code null} if its Host is one of ours.
     *
     * @param headers the request headers
     * @return the refusal, with client text quoted, or {@code null}
     */
    String pageRefusal(Headers headers) {
        Optional<String> host = headers.first(HeaderNames.HOST);
        if (host.isEmpty() || !hostAllowed(host.get())) {
            return "Host " + LogText.quote(host.orElse(null)) + " is not a public origin of this server";
        }
        return null;
    }

    /**
     * Why a WebSocket upgrade is refused, for the log, or {@code null} if Host and Origin are ours. An upgrade
     * without Origin (not a browser) is judged by its Host alone.
     *
     * @param headers the upgrade request headers
     * @return the refusal, with client text quoted, or {@code null}
     */
    String upgradeRefusal(Headers headers) {
        String refusal = pageRefusal(headers);
        if (refusal != null) {
            return refusal;
        }
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !originAllowed(origin.get())) {
            return "Origin " + LogText.quote(origin.get()) + " is not allowed";
        }
        return null;
    }

    private boolean hostAllowed(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (origins.isEmpty()) {
            return LOOPBACK.contains(withoutPort(name));
        }
        return hosts.contains(name);
    }

    private boolean originAllowed(String origin) {
        String name = stripSlash(origin.toLowerCase(Locale.ROOT));
        if (!origins.isEmpty()) {
            return origins.contains(name);
        }
        try {
            URI uri = new URI(name);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getRawAuthority() != null
                    && LOOPBACK.contains(withoutPort(uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code localhost:4000} to {@code localhost}, {@code [::1]:4000} to {@code [::1]}. */
    private static String withoutPort(String authority) {
        int colon = authority.lastIndexOf(':');
        int bracket = authority.lastIndexOf(']');
        if (colon > bracket) {
            String port = authority.substring(colon + 1);
            if (port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
                return authority + "#invalid";
            }
            return authority.substring(0, colon);
        }
        return authority;
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
