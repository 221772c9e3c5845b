package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Path parameters, handleParams, patches, navigation, redirects and flash, over the Java client. */
class NavigationIT {

    /** Dynamics of {@link RoomView}'s template, by position. */
    private static final int ROOM = 0, TAB = 1, COUNT = 2, FLASH = 3, ERROR = 4, URI_SHOWN = 5, SESSION = 6;

    private WebServer server;
    private LiveClient live;

    @BeforeEach
    void start() {
        server = WebServer.builder()
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                        // views end with their socket: a rejoin mounts afresh, from what its token says
                        .config(LiveViewConfig.builder()
                                .resumeWindow(Duration.ZERO)
                                .build())
                        .view("/", TestView::new)
                        .view("/rooms/{name}", RoomView::new)
                        .build())
                .build()
                .start();
        live = LiveClient.create(URI.create("http://localhost:" + server.port()));
    }

    @AfterEach
    void stop() {
        live.close();
        server.stop();
    }

    @Test
    void pathParamsAreDecodedAndHandleParamsRunsBeforeTheFirstRender() throws Exception {
        String html = live.get("/rooms/caf%C3%A9%20one?tab=3");
        assertTrue(html.contains("<h1 id=\"room\">café one</h1><p id=\"tab\">3</p>"), html);
        try (LiveConnection tab = room("/rooms/caf%C3%A9%20one?tab=3")) {
            assertEquals("café one", tab.dynamic(ROOM));
            assertEquals("3", tab.dynamic(TAB));
            assertEquals("/rooms/caf%C3%A9%20one?tab=3", tab.dynamic(URI_SHOWN));
        }
    }

    @Test
    void malformedPagePathsGetAClearError() throws Exception {
        assertEquals(400, status("/rooms/%C3"));
        assertEquals(400, status("/rooms/%00"));
        assertEquals(404, status("/rooms/a/b"));
    }

    @Test
    void aPatchRunsHandleParamsOnTheSameViewAndItsTokenRejoinsThePatchedPage() throws Exception {
        LiveConnection tab = room("/rooms/lobby");
        tab.event("inc");
        String session = tab.dynamic(SESSION);
        LiveReply patched = tab.patch("/rooms/lobby?tab=2");
        assertTrue(patched.ok(), patched.json().toString());
        assertEquals("/rooms/lobby?tab=2", patched.uri());
        assertEquals("2", tab.dynamic(TAB));
        assertEquals("1", tab.dynamic(COUNT), "same instance: the count stays");
        assertEquals(session, tab.dynamic(SESSION));
        tab.close();
        assertTrue(TestView.RESOURCES.get(session).closed.await(10, TimeUnit.SECONDS));
        try (LiveConnection again = live.connect()) {
            assertTrue(again.join(patched.token()).ok());
            assertNotEquals(session, again.dynamic(SESSION), "a fresh mount");
            assertEquals("2", again.dynamic(TAB), "of the patched page");
        }
    }

    @Test
    void aPatchToAnotherViewOrAHostileUriIsRefusedAndTheViewGoesOn() throws Exception {
        try (LiveConnection tab = room("/rooms/lobby")) {
            assertEquals(
                    "the URI is another view's: navigate to it", tab.patch("/").reason());
            assertEquals("no live view at this URI", tab.patch("/nowhere").reason());
            assertEquals(
                    "only same-origin paths starting with a single / are allowed",
                    tab.patch("https://evil.example/rooms/x").reason());
            assertEquals(
                    "only same-origin paths starting with a single / are allowed",
                    tab.patch("//evil.example/rooms/x").reason());
            assertEquals(
                    "the URI has a malformed percent escape",
                    tab.patch("/rooms/%ZZ").reason());
            assertEquals(
                    "the URI holds a control character",
                    tab.patch("/rooms/%0Ax").reason());
            assertFalse(tab.patch("/rooms/" + "a".repeat(5000)).ok());
            assertFalse(tab.navigate("javascript:alert(1)").ok());
            assertTrue(tab.event("inc").ok());
            assertEquals("1", tab.dynamic(COUNT));
        }
    }

    @Test
    void aViewPatchesItsOwnUriAndTheBrowserHearsOfItBeforeTheReply() throws Exception {
        try (LiveConnection tab = room("/rooms/lobby")) {
            assertTrue(tab.event("tab", Map.of("tab", "5")).ok());
            JsonObject patch = tab.next();
            assertEquals(LiveProtocol.TYPE_PATCH, patch.getString(LiveProtocol.KEY_TYPE));
            assertEquals("/rooms/lobby?tab=5", patch.getString(LiveProtocol.KEY_URI));
            assertTrue(patch.containsKey(LiveProtocol.KEY_TOKEN));
            assertEquals("5", tab.dynamic(TAB));
        }
    }

    @Test
    void aHostileUriFromTheViewIsRefusedWithAClearMessage() throws Exception {
        try (LiveConnection tab = room("/rooms/lobby")) {
            tab.event("hostile", Map.of("uri", "https://evil.example/"));
            assertEquals(
                    "only same-origin paths starting with a single / are allowed: &quot;https://evil.example/&quot;",
                    tab.dynamic(ERROR));
            tab.event("hostile", Map.of("uri", "/"));
            assertTrue(tab.dynamic(ERROR).startsWith("pushPatch goes to a URI of the same view"), tab.dynamic(ERROR));
        }
    }

    @Test
    void navigatingEndsTheViewAndMountsTheOtherOverTheSameSocket() throws Exception {
        try (LiveConnection tab = room("/rooms/lobby")) {
            TestView.Resource lobby = TestView.RESOURCES.get(tab.dynamic(SESSION));
            LiveReply navigated = tab.navigate("/rooms/kitchen?tab=4");
            assertTrue(navigated.ok(), navigated.json().toString());
            assertEquals("kitchen", tab.dynamic(ROOM));
            assertEquals("4", tab.dynamic(TAB));
            assertTrue(lobby.closed.await(10, TimeUnit.SECONDS), "the view navigated from ended");
            assertTrue(tab.event("inc").ok());
            assertEquals("1", tab.dynamic(COUNT));
            assertTrue(tab.navigate("/").ok(), "to another route");
            assertEquals("0", tab.dynamic(0));
        }
    }

    @Test
    void aFlashSurvivesTheNavigationTheViewAskedForAndShowsOnce() throws Exception {
        try (LiveConnection tab = room("/rooms/lobby")) {
            assertTrue(tab.event("go").ok());
            assertEquals("Left lobby", tab.dynamic(FLASH), "shown on the page that put it");
            JsonObject navigate = tab.next();
            assertEquals(LiveProtocol.TYPE_NAVIGATE, navigate.getString(LiveProtocol.KEY_TYPE));
            assertEquals("/rooms/kitchen", navigate.getString(LiveProtocol.KEY_URI));
            String lobby = tab.dynamic(SESSION);
            assertTrue(tab.navigate(navigate.getString(LiveProtocol.KEY_URI)).ok());
            assertNotEquals(lobby, tab.dynamic(SESSION));
            assertEquals("Left lobby", tab.dynamic(FLASH), "and on the next page");
            tab.event("inc");
            assertEquals("", tab.dynamic(FLASH), "once: gone at the next event");
        }
    }

    @Test
    void aRedirectTellsTheBrowserToLoadThePage() throws Exception {
        try (LiveConnection tab = room("/rooms/lobby")) {
            assertTrue(tab.event("leave").ok());
            JsonObject redirect = tab.next();
            assertEquals(LiveProtocol.TYPE_REDIRECT, redirect.getString(LiveProtocol.KEY_TYPE));
            assertEquals("/", redirect.getString(LiveProtocol.KEY_URI));
        }
    }

    private LiveConnection room(String uri) {
        String token = live.page(uri).token();
        LiveConnection tab = live.connect();
        assertTrue(tab.join(token).ok());
        return tab;
    }

    private int status(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
