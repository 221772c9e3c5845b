package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
 * heap before, after the first, the tenth and the last bomb is printed with the classes that grew most, not asserted:
 * BENCHMARKS.md records it).
 */
class PlaygroundHeapBombIT {
    /** Grows without bound: 100,000-element arrays, 400 KB or more each, kept reachable until the guard stops it. */
    private static final String BOMB = "let a = []; for (;;) a.push(new Array(1e5).fill(1))";

    /**
     * The same arrays, 100 of them (40 MB or more, several times the limit), then it returns: bounded work, so the
     * verdict does not depend on how fast a loaded machine runs it. The memory guard stops it at the limit while it
     * runs, or, if its walk did not keep up, judges the call when it returns. The endless bomb needs the guard to
     * finish its walk before the time limit does; a cold JVM under heavy load once did not.
     */
    private static final String BOUNDED_BOMB =
            "let a = []; for (let i = 0; i < 100; i++) a.push(new Array(1e5).fill(1)); a.length";

    private static final Pattern MEMORY_LIMIT_MESSAGE = Pattern.compile("memory limit of 16 MiB.*fresh context");
    private static final Pattern MEASURED = Pattern.compile("^[0-9]+\\.[0-9] KB$");
    private static final int BOMBS_IN_A_ROW = 100;
    /** The classes listed for each heap reading: those whose bytes changed most. */
    private static final int TOP_CLASSES = 15;

    /**
     * The runs' time limit, far past the demo's: a bomb must meet the memory limit first on any machine, also while
     * its first runs are still interpreted on a loaded one. No run of these tests is meant to reach it.
     */
    private static final String TIME_LIMIT = "PT60S";

    /** How long a run may take to show its outcome: past the time limit, so a run that reaches it still shows. */
    private static final Duration RUN_WAIT = Duration.ofSeconds(90);

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
                        // no resume window: a closed tab's view and context end with its socket, so the heap
                        // readings hold only the bomber's tab
                        "-Xmx1g -Dpool.call-timeout=" + TIME_LIMIT + " -Dplayground.call-timeout=" + TIME_LIMIT
                                + " -Dliveview.resume-window=PT0S"),
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

            assertTrue(
                    MEMORY_LIMIT_MESSAGE.matcher(error(bomber, BOUNDED_BOMB)).find(),
                    "error \"" + bomber.text("#error") + "\", result \"" + bomber.text("#result") + "\"");
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
            Poll.until("only the bomber's context open", Duration.ofSeconds(60), playground::contextsOpen, n -> n == 1);
            HeapHistogram before = playground.liveHeap();
            HeapHistogram afterFirst = null;
            HeapHistogram afterTen = null;
            long bombNanos = 0;
            for (int i = 1; i <= BOMBS_IN_A_ROW; i++) {
                long start = System.nanoTime();
                String error = error(bomber, BOMB);
                bombNanos += System.nanoTime() - start;
                assertTrue(MEMORY_LIMIT_MESSAGE.matcher(error).find(), "bomb " + i + ": " + error);
                if (i == 1) {
                    afterFirst = playground.liveHeap();
                } else if (i == 10) {
                    afterTen = playground.liveHeap();
                }
            }
            HeapHistogram after = playground.liveHeap();
            System.out.print(afterFirst.growthReport("heap_growth before..bomb_1", before, TOP_CLASSES));
            System.out.print(afterTen.growthReport("heap_growth bomb_1..bomb_10", afterFirst, TOP_CLASSES));
            System.out.print(after.growthReport("heap_growth bomb_1..bomb_100", afterFirst, TOP_CLASSES));
            System.out.print(after.growthReport("heap_growth before..bomb_100", before, TOP_CLASSES));
            System.out.printf(
                    Locale.ROOT,
                    "playground_heap_bombs bombs=%d seconds=%.1f live_heap_before_mb=%.1f"
                            + " live_heap_after_first_mb=%.1f live_heap_after_10_mb=%.1f live_heap_after_mb=%.1f"
                            + " (-Xmx1g, jcmd GC.class_histogram; seconds exclude the readings)%n",
                    BOMBS_IN_A_ROW,
                    bombNanos / 1e9,
                    mb(before),
                    mb(afterFirst),
                    mb(afterTen),
                    mb(after));

            assertEquals(200, playground.health());
            Browser.Window newcomer = browser.connect(playground.uri("/"));
            assertEquals("2", result(newcomer, "1 + 1"));
            assertEquals("2", result(bomber, "1 + 1"));
        } catch (AssertionError | RuntimeException e) {
            ChatAcrossNodesIT.printLogs(dir);
            throw e;
        }
    }

    private static double mb(HeapHistogram histogram) {
        return histogram.totalBytes() / 1048576.0;
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
