package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client files over a real socket: what a browser's cache and a proxy see. */
@ServerTest
class ClientScriptsIT {

    private static final Pattern ENTRY_TAG =
            Pattern.compile("<script type=\"module\" src=\"(/live/js/[0-9a-f]{16}/jsctx\\.js)\"></script>");
    private static final Pattern IMPORT = Pattern.compile("from \"(\\./[a-z]+\\.js)\"");
    private static final Pattern STRONG_TAG = Pattern.compile("\"[0-9a-f]{16}\"");
    private static final String STALE_VERSION = "/live/js/0123456789abcdef/";

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    ClientScriptsIT(WebServer server) {
        this.base = URI.create("http://localhost:" + server.port());
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        server.addFeature(LiveViewFeature.builder()
                .config(LiveViewConfig.builder()
                        .secret("a test secret, at least 32 bytes long")
                        .build())
                .layout(PageLayout.standard("Scripts", ""))
                .view("/", BlankView::new)
                .build());
    }

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void pageLoadsTheEntryModuleFromTheDirectoryOfThisVersion() throws Exception {
        String page = new String(get("/", null, null).body(), StandardCharsets.UTF_8);
        Matcher tag = ENTRY_TAG.matcher(page);
        assertTrue(tag.find(), page);
        assertEquals(ClientScripts.load().entryPath(), tag.group(1), "the version is the same on every load");
    }

    @Test
    void everyModuleOfTheVersionIsImmutableAndItsImportsStayInTheVersion() throws Exception {
        URI entry = base.resolve(ClientScripts.load().entryPath());
        URI directory = entry.resolve(".");
        Set<String> reached = new HashSet<>();
        Deque<URI> toFetch = new ArrayDeque<>();
        toFetch.add(entry);
        while (!toFetch.isEmpty()) {
            URI module = toFetch.removeFirst();
            String file = directory.relativize(module).getPath();
            if (!reached.add(file)) {
                continue;
            }
            HttpResponse<byte[]> response = get(module.getPath(), null, null);
            assertEquals(200, response.statusCode(), file);
            assertEquals(Optional.of(ClientScripts.CACHE_IMMUTABLE), header(response, "Cache-Control"), file);
            assertArrayEquals(ClientScripts.read(file), response.body(), file);
            Matcher imports = IMPORT.matcher(new String(response.body(), StandardCharsets.UTF_8));
            while (imports.find()) {
                toFetch.add(module.resolve(imports.group(1)));
            }
        }
        assertEquals(Set.copyOf(ClientScripts.FILES), reached, "the entry reaches every client file, and only those");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/live/js/", STALE_VERSION})
    void unversionedAndStaleUrlsGetTodaysFileRevalidatedEachTime(String directory) throws Exception {
        HttpResponse<byte[]> versioned = get(ClientScripts.load().entryPath(), null, null);
        for (String file : ClientScripts.FILES) {
            HttpResponse<byte[]> response = get(directory + file, null, null);
            assertEquals(200, response.statusCode(), file);
            assertEquals(Optional.of(ClientScripts.CACHE_REVALIDATE), header(response, "Cache-Control"), file);
            assertArrayEquals(ClientScripts.read(file), response.body(), file);
            assertTrue(
                    STRONG_TAG.matcher(header(response, "ETag").orElseThrow()).matches(), file);
        }
        assertEquals(
                header(versioned, "ETag"),
                header(get(directory + LiveProtocol.SCRIPT_ENTRY, null, null), "ETag"),
                "the same bytes have the same tag under every URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s", "W/%s", "\"0000000000000000\", %s", "*"})
    void matchingIfNoneMatchGetsNotModifiedWithoutABody(String ifNoneMatch) throws Exception {
        String path = STALE_VERSION + LiveProtocol.SCRIPT_ENTRY;
        HttpResponse<byte[]> full = get(path, null, null);
        String tag = header(full, "ETag").orElseThrow();

        HttpResponse<byte[]> revalidated = get(path, null, ifNoneMatch.formatted(tag));
        assertEquals(304, revalidated.statusCode());
        assertEquals(0, revalidated.body().length);
        assertEquals(Optional.of(tag), header(revalidated, "ETag"));
        assertEquals(header(full, "Cache-Control"), header(revalidated, "Cache-Control"));
        assertEquals(header(full, "Vary"), header(revalidated, "Vary"));
    }

    @Test
    void anotherTagGetsTheFile() throws Exception {
        HttpResponse<byte[]> response = get("/live/js/constants.js", null, "\"0000000000000000\"");
        assertEquals(200, response.statusCode());
        assertArrayEquals(ClientScripts.read("constants.js"), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*", "GZIP"})
    void gzipWhenTheBrowserAcceptsIt(String acceptEncoding) throws Exception {
        for (String file : ClientScripts.FILES) {
            String path = ClientScripts.load().entryPath().replace(LiveProtocol.SCRIPT_ENTRY, file);
            HttpResponse<byte[]> response = get(path, acceptEncoding, null);
            assertEquals(200, response.statusCode(), file);
            assertEquals(Optional.of("gzip"), header(response, "Content-Encoding"), file);
            assertEquals(Optional.of("Accept-Encoding"), header(response, "Vary"), file);
            assertEquals(Optional.of(String.valueOf(response.body().length)), header(response, "Content-Length"));
            assertArrayEquals(ClientScripts.read(file), gunzip(response.body()), file);
            String tag = header(response, "ETag").orElseThrow();
            assertTrue(STRONG_TAG.matcher(tag).matches(), tag);
            assertNotEquals(header(get(path, null, null), "ETag"), Optional.of(tag), "each coding has its own tag");
            assertEquals(304, get(path, acceptEncoding, tag).statusCode(), file);
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"identity", "br", "gzip;q=0", "*;q=0", "gzip;q=0, *", "gzip;q=nonsense", ",;="})
    void identityOtherwise(String acceptEncoding) throws Exception {
        HttpResponse<byte[]> response = get("/live/js/jsctx.js", acceptEncoding, null);
        assertEquals(200, response.statusCode());
        assertEquals(Optional.empty(), header(response, "Content-Encoding"));
        assertEquals(Optional.of("Accept-Encoding"), header(response, "Vary"));
        byte[] identity = ClientScripts.read(LiveProtocol.SCRIPT_ENTRY);
        assertEquals(Optional.of(String.valueOf(identity.length)), header(response, "Content-Length"));
        assertArrayEquals(identity, response.body());
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    /** The smallest view: the scripts the page loads are what these tests are about. */
    private static final class BlankView implements LiveView {
        @Override
        public void mount(java.util.Map<String, String> params, LiveSession session) {}

        @Override
        public Rendered render() {
            return Html.unsafeRaw("<p>blank</p>");
        }
    }
}
