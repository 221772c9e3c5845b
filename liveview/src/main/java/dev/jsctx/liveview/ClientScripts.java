package dev.jsctx.liveview;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the browser client, plain ES modules read once from this jar, so that a browser downloads them once.
 *
 * <p>Pages load the entry module from a versioned directory, {@code /live/js/<version>/jsctx.js}, where the
 * version is a hash of every client file. The modules import each other by relative names ({@code
 * ./constants.js}), so they all resolve inside that directory and change names together; those URLs are cached
 * for a year as immutable. The unversioned URLs ({@code /live/js/jsctx.js}) and those of another version (a page
 * rendered before a redeploy) still get today's files, revalidated on each use ({@code no-cache}). Every answer
 * carries a strong {@code ETag}, and a matching {@code If-None-Match} gets {@code 304 Not Modified}.
 *
 * <p>Each file is gzipped once at load and sent gzipped to a browser that accepts it ({@code Vary:
 * Accept-Encoding}). Helidon's own content encoding is not used: it compresses again on every request, keeps the
 * identity's strong ETag on the gzipped bytes, adds no {@code Vary}, and switches on for every route of the server.
 *
 * <p>Immutable once loaded; its handlers run concurrently on any request thread.
 */
final class ClientScripts {

    /** Every client module; each file has one concern. */
    static final List<String> FILES = List.of(
            "constants.js",
            "rendered.js",
            "commands.js",
            "morph.js",
            "forms.js",
            "bindings.js",
            "hooks.js",
            "socket.js",
            "navigation.js",
            LiveProtocol.SCRIPT_ENTRY);

    static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
    static final String CACHE_REVALIDATE = "no-cache";

    private static final String CONTENT_TYPE = "text/javascript; charset=utf-8";
    private static final String GZIP = "gzip";
    private static final String VERSION_PARAMETER = "version";

    private final String version;
    private final Map<String, ClientScript> scripts;

    private ClientScripts(String version, Map<String, ClientScript> scripts) {
        this.version = version;
        this.scripts = scripts;
    }

    /** Reads, hashes and compresses every client file. */
    static ClientScripts load() {
        Map<String, ClientScript> scripts = new LinkedHashMap<>();
        MessageDigest version = sha256();
        for (String file : FILES) {
            ClientScript script = ClientScript.of(read(file));
            scripts.put(file, script);
            version.update((file + ':' + script.identityTag() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return new ClientScripts(shortHex(version.digest()), Map.copyOf(scripts));
    }

    /** The URL path of the entry module that pages load: inside this version's directory. */
    String entryPath() {
        return LiveProtocol.SCRIPT_PATH + version + "/" + LiveProtocol.SCRIPT_ENTRY;
    }

    /** Bytes of every client file, as is. */
    int identityBytes() {
        return scripts.values().stream()
                .mapToInt(script -> script.identity().length)
                .sum();
    }

    /** Bytes of every client file gzipped, each on its own as served. */
    int gzippedBytes() {
        return scripts.values().stream()
                .mapToInt(script -> script.gzip().length)
                .sum();
    }

    void register(HttpRouting.Builder routing) {
        scripts.forEach((file, script) -> {
            routing.get(
                    LiveProtocol.SCRIPT_PATH + file,
                    (request, response) -> script.send(request, response, CACHE_REVALIDATE));
            routing.get(
                    LiveProtocol.SCRIPT_PATH + "{" + VERSION_PARAMETER + "}/" + file,
                    (request, response) -> script.send(request, response, cacheControl(request)));
        });
    }

    /** A client file as served: from the jar, without its whole-line comments. */
    static byte[] read(String file) {
        try (InputStream in = ClientScripts.class.getResourceAsStream("client/" + file)) {
            if (in == null) {
                throw new IllegalStateException("client script missing from the jar: " + file);
            }
            return withoutCommentLines(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source without its blank lines and the lines that hold only a comment ({@code // ...}, or a block
     * from a line starting {@code /*} to the line ending it): the comments are for the next engineer, and
     * browsers need not download them (a quarter of the gzipped client). Lines with code stay byte for byte;
     * the client's files keep comments on lines of their own and have no multi-line strings, so nothing a line
     * starting with {@code //} could mean is lost.
     */
    static String withoutCommentLines(String source) {
        StringBuilder kept = new StringBuilder(source.length());
        boolean inBlock = false;
        for (String line : source.split("\n", -1)) {
            String code = line.strip();
            if (inBlock) {
                inBlock = !code.endsWith("*/");
            } else if (code.startsWith("/*")) {
                inBlock = !code.endsWith("*/");
            } else if (!code.isEmpty() && !code.startsWith("//")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private String cacheControl(ServerRequest request) {
        String requested = request.path().pathParameters().get(VERSION_PARAMETER);
        return version.equals(requested) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
    }

    /** One client file in both codings, each with its own strong entity tag (RFC 9110, 8.8.3). */
    private record ClientScript(byte[] identity, String identityTag, byte[] gzip, String gzipTag) {

        static ClientScript of(byte[] identity) {
            byte[] gzip = compress(identity);
            return new ClientScript(identity, entityTag(identity), gzip, entityTag(gzip));
        }

        void send(ServerRequest request, ServerResponse response, String cacheControl) {
            boolean gzipped = acceptsGzip(request.headers());
            String tag = gzipped ? gzipTag : identityTag;
            // A 304 repeats the headers a 200 would carry, so that caches can update what they hold.
            response.header(HeaderNames.CACHE_CONTROL, cacheControl);
            response.header(HeaderNames.VARY, HeaderNames.ACCEPT_ENCODING.defaultCase());
            response.header(HeaderNames.ETAG, tag);
            if (notModified(request.headers(), tag)) {
                response.status(Status.NOT_MODIFIED_304).send();
                return;
            }
            response.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            if (gzipped) {
                // Set before send, so that Helidon's content encoding, if an application enables it, leaves it.
                response.header(HeaderNames.CONTENT_ENCODING, GZIP);
                response.send(gzip);
            } else {
                response.send(identity);
            }
        }
    }

    /**
     * Whether {@code Accept-Encoding} accepts gzip with a non-zero weight (RFC 9110, 12.5.3), by name or by
     * {@code *}; a malformed weight counts as zero.
     */
    private static boolean acceptsGzip(Headers headers) {
        Boolean gzip = null;
        boolean any = false;
        for (String value : headers.all(HeaderNames.ACCEPT_ENCODING, List::of)) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                boolean accepted = weight(parts) > 0;
                if (coding.equals(GZIP) || coding.equals("x-gzip")) {
                    gzip = accepted;
                } else if (coding.equals("*")) {
                    any = accepted;
                }
            }
        }
        return gzip != null ? gzip : any;
    }

    /** Whether {@code If-None-Match} holds {@code *} or the tag (compared weakly, RFC 9110, 13.1.2): nothing to send. */
    private static boolean notModified(Headers headers, String tag) {
        for (String value : headers.all(HeaderNames.IF_NONE_MATCH, List::of)) {
            for (String element : value.split(",")) {
                String candidate = element.trim();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                if (candidate.equals("*") || candidate.equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static byte[] compress(byte[] identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(identity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String entityTag(byte[] bytes) {
        return '"' + shortHex(sha256().digest(bytes)) + '"';
    }

    /** 64 bits of a SHA-256: enough to tell apart the versions of a handful of files. */
    private static String shortHex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
