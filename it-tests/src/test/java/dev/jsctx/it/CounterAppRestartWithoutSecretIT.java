package dev.jsctx.it;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app restarts under a connected browser with no {@code liveview.secret} configured: the new process signs
 * tokens with a new random key and refuses the page's old one (close code 4401). A page that had joined before
 * takes that as a restart, reloads itself for a fresh token, and works again.
 */
class CounterAppRestartWithoutSecretIT {
    /** The app's shutdown and start, the page's reconnect back-off, and the reload. */
    private static final Duration RECOVERY = Duration.ofSeconds(40);

    @RegisterExtension
    static final CounterAppExtension APP =
            new CounterAppExtension(CounterApp.Setup.defaults().restartable());

    @Test
    @DisplayName("after a restart with a new secret, a connected page reloads itself and works again")
    void pageReloadsAfterRestartWithNewSecret(CounterApp app) throws Exception {
        try (Browser browser = Browser.open()) {
            Browser.Window window = browser.connect(app.uri("/"));
            window.click("#inc");
            window.awaitText("#count", "1");

            app.restart();

            window.awaitStatus(RECOVERY, "jsctx-connected");
            window.awaitText("#count", "0");
            window.click("#inc");
            window.awaitText("#count", "1");
        }
    }
}
