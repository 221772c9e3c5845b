package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = routes("/", "/rooms/{name}", "/rooms/{name}/messages/{id}", "/about");

    @Test
    void pathParamsAreDecodedAndWinOverTheQuery() throws Exception {
        Routes.Match match = routes.match("/rooms/caf%C3%A9%20bar").orElseThrow();
        assertEquals("/rooms/{name}", match.route().pattern());
        assertEquals(Map.of("name", "café bar"), match.pathParams());
        assertEquals(Map.of("name", "café bar", "tab", "2"), match.params(Map.of("name", "other", "tab", "2")));
        assertEquals(
                Map.of("name", "a", "id", "7"),
                routes.match("/rooms/a/messages/7").orElseThrow().pathParams());
    }

    @Test
    void literalSegmentsMatchExactlyAndParamsNeedAValue() throws Exception {
        assertEquals("/", routes.match("/").orElseThrow().route().pattern());
        assertTrue(routes.match("/rooms/").isEmpty());
        assertTrue(routes.match("/rooms").isEmpty());
        assertTrue(routes.match("/about/").isEmpty());
        assertTrue(routes.match("/rooms/a/b").isEmpty());
    }

    @Test
    void pageUrisAreSameOriginPathsOnly() throws Exception {
        Routes.PageUri uri = Routes.parse("/rooms/lobby?tab=2&q=a+b%26c&tab=3");
        assertEquals("/rooms/lobby", uri.path());
        assertEquals(Map.of("tab", "2", "q", "a b&c"), uri.query());
        for (String hostile : new String[] {
            "https://evil.example/",
            "//evil.example/x",
            "javascript:alert(1)",
            "rooms/lobby",
            "/rooms/lobby#frag",
            "/rooms/a b",
            "/rooms/a\\b",
            "/rooms/%ZZ",
            "/rooms/%00",
            "/rooms/%C3",
            "/rooms/x?y=%0A",
            "/rooms/\u00e9",
            "",
            "/" + "a".repeat(Routes.MAX_URI_CHARS)
        }) {
            assertThrows(Routes.InvalidUriException.class, () -> Routes.parse(hostile), hostile);
        }
    }

    @Test
    void everyAcceptedUriIsAJavaNetUri() throws Exception {
        assertEquals("/rooms/a;b=c", Routes.parse("/rooms/a;b=c").toUri().toString());
        Routes.PageUri encoded = Routes.PageUri.of("/x", Map.of("a", "b c&d"));
        assertEquals("/x?a=b+c%26d", encoded.uri());
        assertEquals(Map.of("a", "b c&d"), Routes.parse(encoded.uri()).query());
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String pattern : new String[] {"rooms", "/rooms/{na me}", "/x{y}", "/{}", "/a b"}) {
            assertThrows(IllegalArgumentException.class, () -> Routes.checkPattern(pattern), pattern);
        }
    }

    private static Routes routes(String... patterns) {
        Map<String, Supplier<? extends LiveView>> views = new LinkedHashMap<>();
        for (String pattern : patterns) {
            views.put(pattern, () -> null); // routes only: no view is made here
        }
        return Routes.of(views);
    }
}
