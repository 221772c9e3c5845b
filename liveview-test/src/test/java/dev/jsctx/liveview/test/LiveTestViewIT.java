package dev.jsctx.liveview.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.KitViews;
import dev.jsctx.liveview.LiveProtocol;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test kit drives views by CSS selector, as the browser's client does. */
class LiveTestViewIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static LiveTestServer server;

    @BeforeAll
    static void start() {
        server = LiveTestServer.start(KitViews.feature());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clickSendsTheBindingAndTheHtmlFollows() {
        try (LiveTestView view = server.mount("/rooms/lobby")) {
            assertEquals("lobby", view.text("#room"));
            assertTrue(view.click("#inc").ok());
            assertEquals("1", view.text("#count"));
            assertEquals(1, view.select("a[data-jsctx-patch]").size());
        }
    }

    @Test
    void clickingPatchAndNavigateLinksMovesTheView() {
        try (LiveTestView view = server.mount("/rooms/lobby")) {
            view.click("#inc");
            view.click("#tab-2");
            assertEquals("/rooms/lobby?tab=2", view.uri());
            assertEquals("2", view.text("#tab"));
            assertEquals("1", view.text("#count"));
            view.click("#kitchen");
            assertEquals("/rooms/kitchen", view.uri());
            assertEquals("kitchen", view.text("#room"));
        }
    }

    @Test
    void pushedNavigationsAndPatchesAreAwaitedWithADeadline() {
        try (LiveTestView view = server.mount("/rooms/lobby")) {
            view.event("tab", Map.of("tab", "7"));
            assertEquals(
                    "/rooms/lobby?tab=7",
                    view.awaitPush(LiveProtocol.TYPE_PATCH, WAIT).getString("uri"));
            assertEquals("/rooms/lobby?tab=7", view.uri());
            view.click("#go");
            JsonObject navigate = view.awaitPush(LiveProtocol.TYPE_NAVIGATE, WAIT);
            assertTrue(view.navigate(navigate.getString("uri")).ok());
            assertEquals("Left lobby", view.text("#flash"));
            view.event("leave", Map.of());
            assertEquals("/", view.awaitPush(LiveProtocol.TYPE_REDIRECT, WAIT).getString("uri"));
            AssertionError none = assertThrows(
                    AssertionError.class, () -> view.awaitPush(LiveProtocol.TYPE_REDIRECT, Duration.ofMillis(200)));
            assertEquals("no redirect message from the server within PT0.2S", none.getMessage());
        }
    }

    @Test
    void handleInfoRendersAreAwaited() {
        try (LiveTestView view = server.mount("/")) {
            view.event("push", Map.of("text", "hello from handleInfo"));
            view.awaitText("#message", "hello from handleInfo", WAIT);
        }
    }

    @Test
    void submitAndChangeSendTheFormsFieldsAsABrowserDoes() {
        try (LiveTestView view = server.mount("/form")) {
            view.submit("#profile", Map.of("name", "Grace"));
            assertEquals(
                    "save {\"name\":\"Grace\",\"news\":\"yes\",\"lang\":\"fr\",\"bio\":\"hi\",\"form\":\"profile\"}",
                    view.text("#got"));
            view.change("#profile", Map.of("spam", "yes"));
            assertTrue(view.text("#got").startsWith("check {\"name\":\"Ada\""), view.text("#got"));
            assertTrue(view.text("#got").contains("\"spam\":\"yes\""), view.text("#got"));
        }
    }

    @Test
    void aDroppedConnectionResumesTheSameView() {
        try (LiveTestView view = server.mount("/rooms/lobby")) {
            view.click("#inc");
            String session = view.text("#sid");
            assertTrue(view.reconnect().ok());
            assertEquals(session, view.text("#sid"));
            assertEquals("1", view.text("#count"));
        }
    }

    @Test
    void elementsThatAreNotThereOrNotBoundFailClearly() {
        try (LiveTestView view = server.mount("/rooms/lobby")) {
            AssertionError missing = assertThrows(AssertionError.class, () -> view.click("#nothing"));
            assertTrue(missing.getMessage().startsWith("expected one element for #nothing, found 0"));
            AssertionError unbound = assertThrows(AssertionError.class, () -> view.click("#room"));
            assertTrue(unbound.getMessage().startsWith("#room has no data-jsctx-click"), unbound.getMessage());
        }
    }
}
