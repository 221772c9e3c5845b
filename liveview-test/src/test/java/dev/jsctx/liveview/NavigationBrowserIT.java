package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Patch and navigate links, the back and forward buttons, and flash, in a real Chromium. */
class NavigationBrowserIT {

    private WebServer server;
    private BrowserTab browser;

    @BeforeEach
    void start() {
        server = WebServer.builder()
                .port(0)
                .host("localhost")
                .addFeature(LiveViewFeature.builder()
                        .view("/", TestView::new)
                        .view("/rooms/{name}", RoomView::new)
                        .build())
                .build()
                .start();
        browser = BrowserTab.open();
        browser.open("http://localhost:" + server.port() + "/rooms/lobby");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        server.stop();
    }

    @Test
    void aPatchLinkKeepsTheViewAndBackAndForwardPatchItAgain() {
        browser.click("#inc");
        browser.awaitText("#count", "1");
        String session = browser.text("#sid");
        browser.click("#tab-2");
        browser.awaitText("#tab", "2");
        browser.awaitUri("/rooms/lobby?tab=2");
        browser.back();
        browser.awaitText("#tab", "1");
        browser.awaitUri("/rooms/lobby");
        browser.forward();
        browser.awaitText("#tab", "2");
        assertEquals("1", browser.text("#count"), "the same view all along");
        assertEquals(session, browser.text("#sid"));
    }

    @Test
    void aNavigateLinkMountsTheOtherViewAndBackComesBack() {
        browser.click("#inc");
        browser.awaitText("#count", "1");
        browser.click("#kitchen");
        browser.awaitText("#room", "kitchen");
        browser.awaitUri("/rooms/kitchen");
        assertEquals("0", browser.text("#count"), "a new view");
        browser.back();
        browser.awaitText("#room", "lobby");
        browser.awaitUri("/rooms/lobby");
    }

    @Test
    void aFlashPutBeforeANavigationShowsOnTheNextPageOnce() {
        browser.click("#go");
        browser.awaitUri("/rooms/kitchen");
        browser.awaitText("#room", "kitchen");
        browser.awaitText("#flash", "Left lobby");
        browser.click("#inc");
        browser.awaitText("#count", "1");
        assertEquals("", browser.text("#flash"));
    }
}
