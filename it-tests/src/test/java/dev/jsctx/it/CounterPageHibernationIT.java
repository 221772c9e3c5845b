package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A counter tab in headless Chromium, left idle past the pool's hibernation time (1 s here, 30 s as shipped): its
 * context hibernates (counter.js's {@code snapshot()} keeps the count, the engine context is closed) while the tab
 * stays connected, and its next click restores the count and counts on.
 */
class CounterPageHibernationIT {

    @RegisterExtension
    static final CounterAppExtension APP =
            new CounterAppExtension(CounterApp.Setup.defaults().withEnv("POOL_HIBERNATE_AFTER", "PT1S"));

    /** Far more than the hibernation time: the pool looks at an idle context once its idle time has passed. */
    private static final Duration HIBERNATES_WITHIN = Duration.ofSeconds(30);

    @Test
    @DisplayName("a tab counts to 3, its context hibernates while it idles, and one more click shows 4")
    void idleTabCountsOn(CounterApp app) throws Exception {
        try (Browser browser = Browser.open()) {
            Browser.Window window = browser.connect(app.uri("/"));
            for (int i = 0; i < 3; i++) {
                window.click("#inc");
            }
            window.awaitText("#count", "3");
            double wakesBefore = total(app, "jsctx_wakes_total");

            Poll.until(
                    "the tab's context hibernated (jsctx_contexts_hibernating)",
                    HIBERNATES_WITHIN,
                    () -> total(app, "jsctx_contexts_hibernating"),
                    hibernating -> hibernating >= 1);

            window.click("#inc");
            window.awaitText("#count", "4");
            assertTrue(total(app, "jsctx_wakes_total") > wakesBefore, "the click woke the context");
            assertEquals(List.of(), browser.consoleErrors(), "browser console errors");
        }
    }

    private static double total(CounterApp app, String metric) throws Exception {
        return app.metrics()
                .total(metric)
                .orElseThrow(() -> new AssertionError("the app serves no " + metric + " metric"));
    }
}
