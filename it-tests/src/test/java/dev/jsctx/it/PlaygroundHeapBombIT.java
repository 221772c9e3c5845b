package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchElementException;

/**
 * Heap bombs in the playground as users run it: the packaged app ({@code playground-app/target/bin/playground}, GraalJS
 * with the Graal JIT, the only runtime on which GraalJS enforces a context's memory limit) as a JVM process at
 * {@code -Xmx1g}, driven by tabs of a headless Chromium. A bomb stops at the tab's memory limit with the page's
 * message and a fresh context; other tabs are untouched; a hundred bombs in a row leave the JVM serving (the live
 * heap before and after them is printed, not asserted: BENCHMARKS.md records it).
 */
class PlaygroundHeapBombIT {
    /** Grows without bound: 100,000-element arrays, about 800 KB each, kept reachable. */
    private static final String BOMB = "let a = []; for (;;) a.push(new Array(1e5).fill(1))";

    private static final Pattern MEMORY_LIMIT_MESSAGE = Pattern.compile("memory limit of 16 MiB.*fresh context");
    private static final Pattern MEASURED = Pattern.compile("^[0-9]+\\.[0-9] KB$");
    private static final int BOMBS_IN_A_ROW = 100;

    /**
     * The runs' time limit, ten times the demo's: a bomb must meet the memory limit first on any machine, also while
     * its first runs are still interpreted.
     */
    private static final String TIME_LIMIT = "PT10S";

    private static final Duration RUN_WAIT = Duration.ofSeconds(30);

    private static Path dir;
    private static AppNode playground;

    @BeforeAll
    static void start() throws Exception {
        ItEnvironment.requireChromium();
        dir = Files.createTempDirectory("playground-bombs");
        playground = AppNode.start(
                "playground",
                AppNode.packaged("playground"),
                "playground",
                Map.of(
                        "JAVA_OPTS",
                        "-Xmx1g -Dpool.call-timeout=" + TIME_LIMIT + " -Dplayground.call-timeout=" + TIME_LIMIT),
                dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (playground != null) {
            playground.close();
        }
    }

    @Test
    @DisplayName("a heap bomb stops at the memory limit with the page's message; the tab gets a fresh context; another"
            + " tab still runs 1 + 1")
    void heapBombStopsAtTheMemoryLimit() throws Exception {
        try (Browser browser = Browser.open()) {
            Browser.Window bomber = browser.connect(playground.uri("/"));
            Browser.Window bystander = browser.connect(playground.uri("/"));
            assertTrue(bomber.text("#limits").contains("heap 16 MiB"), bomber.text("#limits"));

            assertEquals("\"kept\"", result(bomber, "var kept = 'kept'; kept"));
            String memory = bomber.text("#memory");
            assertTrue(MEASURED.matcher(memory).find(), "#memory should show a measured figure, shows " + memory);

            assertTrue(MEMORY_LIMIT_MESSAGE.matcher(error(bomber, BOMB)).find(), bomber.text("#error"));
            assertEquals("\"undefined\"", result(bomber, "typeof kept"), "the fresh context has no earlier state");
            assertEquals("2", result(bystander, "1 + 1"));
            assertEquals("2", result(bomber, "1 + 1"));
        } catch (AssertionError | RuntimeException e) {
            ChatAcrossNodesIT.printLogs(dir);
            throw e;
        }
    }

    @Test
    @DisplayName("after 100 heap bombs in a row at -Xmx1g, each stopped with its message, the JVM still serves")
    void hundredHeapBombsInARow() throws Exception {
        try (Browser browser = Browser.open()) {
            Browser.Window bomber = browser.connect(playground.uri("/"));
            assertEquals("2", result(bomber, "1 + 1"));
            long before = playground.liveHeapBytes();
            long start = System.nanoTime();
            for (int i = 1; i <= BOMBS_IN_A_ROW; i++) {
                String error = error(bomber, BOMB);
                assertTrue(MEMORY_LIMIT_MESSAGE.matcher(error).find(), "bomb " + i + ": " + error);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = playground.liveHeapBytes();
            System.out.printf(
                    "playground_heap_bombs bombs=%d seconds=%.1f live_heap_before_mb=%.1f live_heap_after_mb=%.1f"
                            + " (-Xmx1g, jcmd GC.class_histogram)%n",
                    BOMBS_IN_A_ROW, seconds, before / 1048576.0, after / 1048576.0);

            assertEquals(200, playground.health());
            Browser.Window newcomer = browser.connect(playground.uri("/"));
            assertEquals("2", result(newcomer, "1 + 1"));
            assertEquals("2", result(bomber, "1 + 1"));
        } catch (AssertionError | RuntimeException e) {
            ChatAcrossNodesIT.printLogs(dir);
            throw e;
        }
    }

    /** Runs {@code code} in the tab and returns the result it shows; fails if the run shows an error instead. */
    private static String result(Browser.Window tab, String code) {
        run(tab, code);
        assertEquals("", tab.text("#error"), "the run of " + code + " failed");
        return tab.text("#result");
    }

    /** Runs {@code code} in the tab and returns the error it shows. */
    private static String error(Browser.Window tab, String code) {
        run(tab, code);
        return tab.text("#error");
    }

    /**
     * Submits {@code code} and waits until the run ended: the result or error is shown again (the page empties both
     * at the start of a run, and so does this method in the page) and the status no longer says it runs.
     * {@code :not(:empty)} picks whichever of the two shows text.
     */
    private static void run(Browser.Window tab, String code) {
        tab.clearText("#result");
        tab.clearText("#error");
        tab.type("#code", code);
        tab.click("#run");
        try {
            tab.awaitMatch(RUN_WAIT, "#result:not(:empty), #error:not(:empty)", Pattern.compile("."));
        } catch (NoSuchElementException e) { // from the wait's message: neither showed text
            throw new AssertionError(
                    "the run showed neither a result nor an error within " + RUN_WAIT + "; status \""
                            + tab.text("#status") + "\", view \"" + tab.status() + "\"",
                    e);
        }
        tab.awaitText("#status", "");
    }
}
