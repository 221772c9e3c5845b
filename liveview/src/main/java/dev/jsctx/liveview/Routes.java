package dev.jsctx.liveview;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The views' routes: patterns such as {@code /rooms/{name}}, where each {@code {name}} matches one non-empty path
 * segment, and the resolution of a page URI (from a page request, a link or a view) to a route and its params.
 * Immutable and thread-safe.
 *
 * <p>URIs that reach a view come from the browser and are hostile: only same-origin relative references
 * ({@code /path?query}) of at most {@value #MAX_URI_CHARS} characters are accepted, percent-encoding must be valid
 * UTF-8, and no decoded value may hold a control character. Every refusal is an {@link InvalidUriException} whose
 * message is fixed text, safe to send back.
 */
final class Routes {

    /** Longest URI accepted from a link, a patch or a view. */
    static final int MAX_URI_CHARS = 2048;

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_-]*)}");
    /**
     * What a path may hold as is (RFC 3986 pchar and '/', percent escapes aside): exactly what
     * {@link java.net.URI} accepts, so every accepted page URI is also a {@code java.net.URI}.
     */
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");
    /** What a query may hold as is: a path's characters and '?'. */
    private static final Pattern QUERY_CHARS = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param views pattern to factory, in registration order (the first match wins)
     * @throws IllegalArgumentException for a malformed pattern
     */
    static Routes of(Map<String, Supplier<? extends LiveView>> views) {
        List<Route> routes = new ArrayList<>();
        views.forEach((pattern, factory) -> routes.add(Route.parse(pattern, factory)));
        return new Routes(routes);
    }

    /** Check a pattern given to {@link LiveViewFeature.Builder#view}; its message says what is wrong. */
    static void checkPattern(String pattern) {
        Route.parse(pattern, () -> null);
    }

    List<Route> all() {
        return routes;
    }

    /**
     * The route of a path, or empty.
     *
     * @param rawPath the path as sent, percent-encoded
     * @throws InvalidUriException if the path is malformed
     */
    Optional<Match> match(String rawPath) throws InvalidUriException {
        String[] segments = segments(rawPath);
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params != null) {
                return Optional.of(new Match(route, rawPath, params));
            }
        }
        return Optional.empty();
    }

    /**
     * A page URI from a link, a patch or a view, checked: {@code /path} with an optional {@code ?query}; no
     * scheme, host, fragment, backslash, control character or space.
     *
     * @return the URI split into its raw path and its decoded query params (first value of each name)
     * @throws InvalidUriException if it is anything else
     */
    static PageUri parse(String uri) throws InvalidUriException {
        if (uri == null || uri.isEmpty() || uri.length() > MAX_URI_CHARS) {
            throw new InvalidUriException("a URI must be a path of 1 to " + MAX_URI_CHARS + " characters");
        }
        if (uri.charAt(0) != '/' || uri.startsWith("//")) {
            throw new InvalidUriException("only same-origin paths starting with a single / are allowed");
        }
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? "" : uri.substring(question + 1);
        if (!PATH_CHARS.matcher(path).matches() || !QUERY_CHARS.matcher(query).matches()) {
            throw new InvalidUriException("the URI holds a character that must be percent-encoded");
        }
        segments(path); // checks the encoding
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            params.putIfAbsent(name, value);
        }
        return new PageUri(uri, path, Map.copyOf(params));
    }

    private static String[] segments(String rawPath) throws InvalidUriException {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new InvalidUriException("a path must start with /");
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = decode(segments[i], false);
        }
        return segments;
    }

    /** Percent-decode strict UTF-8 ({@code +} is a space in queries only); no control characters. */
    private static String decode(String raw, boolean query) throws InvalidUriException {
        String text = query ? raw.replace('+', ' ') : raw;
        if (text.indexOf('%') < 0) {
            return checked(text);
        }
        ByteBuffer bytes = ByteBuffer.allocate(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidUriException("the URI has a malformed percent escape");
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else {
                bytes.put((byte) c); // checked ASCII above
            }
        }
        bytes.flip();
        try {
            return checked(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString());
        } catch (CharacterCodingException e) {
            throw new InvalidUriException("the URI's percent escapes are not UTF-8");
        }
    }

    private static String checked(String decoded) throws InvalidUriException {
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                throw new InvalidUriException("the URI holds a control character");
            }
        }
        return decoded;
    }

    /** A URI that is not a same-origin page path; the message is fixed text, safe for the browser. */
    static final class InvalidUriException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidUriException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A checked page URI.
     *
     * @param uri   as given
     * @param path  its raw (percent-encoded) path
     * @param query its decoded query params
     */
    record PageUri(String uri, String path, Map<String, String> query) {

        /** The URI of a raw path and decoded query params (form-encoded again). */
        static PageUri of(String path, Map<String, String> query) {
            StringBuilder uri = new StringBuilder(path);
            char separator = '?';
            for (Map.Entry<String, String> param : query.entrySet()) {
                uri.append(separator)
                        .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
            return new PageUri(uri.toString(), path, Map.copyOf(query));
        }

        /** As a {@code java.net.URI}, relative: {@code /path?query}. */
        URI toUri() {
            return URI.create(uri);
        }
    }

    /**
     * A path matched to a route.
     *
     * @param path       the raw path
     * @param pathParams decoded values of the pattern's {@code {names}}
     */
    record Match(Route route, String path, Map<String, String> pathParams) {

        /** What a view gets: the query params, with the path params over them. */
        Map<String, String> params(Map<String, String> query) {
            Map<String, String> params = new LinkedHashMap<>(query);
            params.putAll(pathParams);
            return Map.copyOf(params);
        }
    }

    /** One route: its pattern's segments, literal or {@code {name}}. */
    record Route(String pattern, List<String> segments, Supplier<? extends LiveView> factory) {

        static Route parse(String pattern, Supplier<? extends LiveView> factory) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("view path must start with /: " + pattern);
            }
            List<String> segments = List.of(pattern.substring(1).split("/", -1));
            for (String segment : segments) {
                boolean param = PARAM.matcher(segment).matches();
                if (!param && (segment.contains("{") || segment.contains("}"))) {
                    throw new IllegalArgumentException(
                            "a path parameter is a whole segment, {name} of letters, digits, _ and -: " + pattern);
                }
                if (!param && !PATH_CHARS.matcher(segment).matches()) {
                    throw new IllegalArgumentException("view path holds a character that needs encoding: " + pattern);
                }
            }
            return new Route(pattern, segments, factory);
        }

        /** The params if the decoded segments match, else {@code null}. */
        private Map<String, String> match(String[] path) {
            if (path.length != segments.size()) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < path.length; i++) {
                String segment = segments.get(i);
                if (PARAM.matcher(segment).matches()) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    params.put(segment.substring(1, segment.length() - 1), path[i]);
                } else if (!segment.equals(path[i])) {
                    return null;
                }
            }
            return params;
        }
    }
}
