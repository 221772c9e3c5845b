package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.LiveProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The counter page in a real headless Chromium, the way a user meets it. Each test gets its own browser; after
 * each one the browser's console must hold no errors, and once the browser quits the app must be back to the
 * contexts it had before the test.
 */
class CounterPageIT {

    @RegisterExtension
    static final CounterAppExtension APP = new CounterAppExtension(CounterApp.Setup.defaults());

    private static final Duration CONTEXTS_SETTLE = Duration.ofSeconds(5);
    /** Dropped connections in the resume test, enough for a median. */
    private static final int DROPS = 21;
    /** How many ES modules the live-view client has, all under {@link LiveProtocol#SCRIPT_PATH}. */
    private static final int CLIENT_FILES = 10;

    /**
     * Retained heap of one counter context: {@code benchmarks/run.sh memory}, {@code heap_per_context_none_bytes}
     * (BENCHMARKS.md), on the same JIT runtime as the image's launcher.
     */
    private static final long BENCHMARK_NONE_COUNTER_BYTES = 58_164;

    private static final Pattern MEASURED = Pattern.compile("([0-9]+\\.[0-9]) KB when last measured");

    private Browser browser;
    private int contextsBefore;

    @BeforeEach
    void openBrowser(CounterApp app) throws Exception {
        contextsBefore = app.contextsOpen();
        browser = Browser.open();
    }

    @AfterEach
    void noConsoleErrorsAndNoContextsLeft(CounterApp app) throws Exception {
        if (browser == null) {
            return; // no browser started (none installed outside CI): nothing to check
        }
        List<String> errors;
        try {
            errors = browser.consoleErrors();
        } finally {
            browser.close();
        }
        assertEquals(List.of(), errors, "browser console errors");
        Poll.until(
                "contexts open back to " + contextsBefore + " after the browser quit",
                CONTEXTS_SETTLE,
                app::contextsOpen,
                open -> open == contextsBefore);
    }

    @Test
    @DisplayName("a page connects and shows 0")
    void pageShowsZero(CounterApp app) {
        Browser.Window window = browser.connect(app.uri("/"));

        window.awaitText("#count", "0");
    }

    @Test
    @DisplayName("a dropped connection comes back to the same counter: the count survives every drop")
    void countSurvivesDroppedConnections(CounterApp app) {
        Browser.Window window = browser.connect(app.uri("/"));
        window.click("#inc");
        window.click("#inc");
        window.awaitText("#count", "2");
        List<Double> reconnectToRenderMillis = new ArrayList<>();
        for (int drop = 0; drop < DROPS; drop++) {
            reconnectToRenderMillis.add(window.dropConnection());
            assertEquals(String.valueOf(2 + drop), window.text("#count"), "the count after drop " + (drop + 1));
            window.click("#inc");
            window.awaitText("#count", String.valueOf(3 + drop));
        }
        Collections.sort(reconnectToRenderMillis);
        // the figure BENCHMARKS.md and liveview/README.md quote; printed, not asserted
        System.out.printf(
                "resume, reconnect to first render over %d drops: p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
                DROPS,
                reconnectToRenderMillis.get(DROPS / 2),
                reconnectToRenderMillis.get(DROPS * 9 / 10),
                reconnectToRenderMillis.get(DROPS - 1));
    }

    @Test
    // One context measured alone carries a few KB that the benchmark's 10,000 contexts amortise, and the figure moves
    // between runs (62-74 KB in pool-graal's OptimizedRuntimeMemoryTest); the bound catches a wrong measurement.
    @DisplayName("Measure shows the tab's heap, between 75 % and 150 % of the benchmark's retained heap per context")
    void measureShowsTheHeap(CounterApp app) {
        Browser.Window window = browser.connect(app.uri("/"));
        window.awaitText("#count", "0");

        window.click("#measure");

        double bytes = Double.parseDouble(window.awaitMatch("#memory", MEASURED).group(1)) * 1024;
        assertTrue(
                bytes >= BENCHMARK_NONE_COUNTER_BYTES * 0.75 && bytes <= BENCHMARK_NONE_COUNTER_BYTES * 1.5,
                "#memory says " + bytes + " bytes, the benchmark " + BENCHMARK_NONE_COUNTER_BYTES);
    }

    @Test
    @DisplayName("two windows are two sessions: 3 clicks on +1 in one, 2 on -1 in the other show 3 and -2")
    void twoWindowsAreTwoSessions(CounterApp app) {
        Browser.Window first = browser.connect(app.uri("/"));
        Browser.Window second = browser.connect(app.uri("/"));

        for (int i = 0; i < 3; i++) {
            first.click("#inc");
        }
        for (int i = 0; i < 2; i++) {
            second.click("#dec");
        }

        first.awaitText("#count", "3");
        second.awaitText("#count", "-2");
        assertEquals("3", first.text("#count"), "the first window's count after the second one's clicks");
    }

    @Test
    @DisplayName("the add form with 5 adds 5; with abc it shows why in #error, the count stays and so does abc")
    void addFormAddsOrExplains(CounterApp app) {
        Browser.Window window = browser.connect(app.uri("/"));

        window.type("#amount", "5");
        window.click("#add button[type=submit]");
        window.awaitText("#count", "5");

        window.type("#amount", "abc");
        window.click("#add button[type=submit]");
        window.awaitText("#error", "Amount must be a whole number");
        assertEquals("5", window.text("#count"), "count after a refused amount");
        assertEquals("abc", window.value("#amount"), "the render that showed the error kept what the user typed");

        window.type("#amount", "5");
        window.click("#add button[type=submit]");
        window.awaitText("#count", "10");
        window.awaitText("#error", "");
    }

    @Test
    @DisplayName("the client's nine files come compressed on the first visit and from the browser's cache on the next")
    void clientFilesComeCompressedThenFromTheCache(CounterApp app) {
        List<Browser.Fetch> first = browser.connect(app.uri("/")).fetches(LiveProtocol.SCRIPT_PATH);
        assertEquals(CLIENT_FILES, first.size(), "client files fetched on the first visit: " + first);
        for (Browser.Fetch fetch : first) {
            assertTrue(fetch.transferSize() > 0, "came over the network: " + fetch);
            assertTrue(fetch.encodedBodySize() < fetch.decodedBodySize(), "came compressed: " + fetch);
        }

        List<Browser.Fetch> next = browser.connect(app.uri("/")).fetches(LiveProtocol.SCRIPT_PATH);
        assertEquals(
                first.stream().map(Browser.Fetch::path).sorted().toList(),
                next.stream().map(Browser.Fetch::path).sorted().toList(),
                "the next visit asks for the same files: " + next);
        for (Browser.Fetch fetch : next) {
            assertEquals(0, fetch.transferSize(), "came from the browser's cache: " + fetch);
        }
    }

    @Test
    @DisplayName("closing a window closes its JS context within seconds; the other window keeps working")
    void closingWindowClosesItsContext(CounterApp app) throws Exception {
        Browser.Window staying = browser.connect(app.uri("/"));
        Browser.Window closing = browser.connect(app.uri("/"));
        int open = Poll.until(
                "a context for each of the two windows",
                CONTEXTS_SETTLE,
                app::contextsOpen,
                contexts -> contexts == contextsBefore + 2);

        closing.close();

        Poll.until(
                "contexts open to drop by one, from " + open,
                CONTEXTS_SETTLE,
                app::contextsOpen,
                contexts -> contexts == open - 1);
        staying.click("#inc");
        staying.awaitText("#count", "1");
    }
}
