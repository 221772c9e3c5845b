package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app restarts under a connected browser, as {@code docker restart} (or a redeploy) does it.
 *
 * <p>The app is configured as a deployment that survives restarts must be: with a fixed {@code liveview.secret}
 * (here through Helidon's environment mapping, {@code LIVEVIEW_SECRET}), so the page's token still joins after
 * the restart. Without one, the page must reload itself for a new token: {@link CounterAppRestartWithoutSecretIT}.
 */
class CounterAppRestartIT {

    /** 32 bytes or more, as liveview requires of an HMAC key. */
    private static final String SECRET = "it-tests-only-secret-0123456789-abcdef";
    /** The app's shutdown and start, plus the page's reconnect back-off (5 s at most between attempts). */
    private static final Duration RECONNECT = Duration.ofSeconds(30);

    @RegisterExtension
    static final CounterAppExtension APP =
            new CounterAppExtension(CounterApp.Setup.defaults().restartable().withEnv("LIVEVIEW_SECRET", SECRET));

    @Test
    @DisplayName("a page shows the disconnected state while the app restarts, reconnects by itself and works again")
    void pageReconnectsAfterRestart(CounterApp app) throws Exception {
        try (Browser browser = Browser.open();
                LiveClient client = LiveClient.create(app.uri("/"))) {
            Browser.Window window = browser.connect(app.uri("/"));
            window.click("#inc");
            window.awaitText("#count", "1");
            String tokenBeforeRestart = client.page("/").token();

            app.restart();

            window.awaitStatus(RECONNECT, "jsctx-connected");
            List<String> statuses = window.statusHistory();
            assertTrue(
                    statuses.stream().anyMatch(status -> status.contains("jsctx-disconnected")),
                    () -> "the page should have shown the disconnected state; its statuses: " + statuses);
            // The count lived in the old process's context: the rejoin mounts a fresh one.
            window.awaitText("#count", "0");
            window.click("#inc");
            window.awaitText("#count", "1");

            // What let the page rejoin: a token signed before the restart is still good.
            try (LiveConnection tab = client.connect(app.origin())) {
                LiveReply join = tab.join(tokenBeforeRestart);
                assertTrue(join.ok(), () -> "join with a token from before the restart: " + join.json());
                assertEquals("0", tab.dynamic(0));
            }
        }
    }
}
