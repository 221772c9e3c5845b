package dev.jsctx.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fairness you can see: one hostile tab per runtime thread runs an endless loop, and runs it again whenever its run
 * ended (in the page, for the whole measurement), while other tabs run {@code 1 + 1}. Their results must arrive
 * without waiting for the loop: each below the 1 s time limit. Prints the neighbours' submit-to-result times as the
 * page measured them ({@link PlaygroundBrowser.Shown#millis()}), and how often the hostile tabs ran and were closed.
 */
class PlaygroundFairnessIT {
    private static final int NEIGHBOURS = 3;
    private static final int RUNS_PER_NEIGHBOUR = 40;

    @Test
    void neighboursResultsDoNotWaitForTheLoop() {
        try (PlaygroundBrowser browser = PlaygroundBrowser.start(Map.of())) {
            int threads = browser.app().pool().stats().contextsPerThread().size();
            List<PlaygroundBrowser.Tab> hostiles = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                PlaygroundBrowser.Tab hostile = browser.tab();
                hostile.runAgainAndAgain("for (;;) {}");
                hostiles.add(hostile);
            }
            // measured from the hostile tabs' second runs on: each tab's first run takes its full time limit, once
            for (PlaygroundBrowser.Tab hostile : hostiles) {
                browser.await(() -> hostile.loop().runs() >= 2);
            }
            List<PlaygroundBrowser.Tab> neighbours = new ArrayList<>();
            for (int i = 0; i < NEIGHBOURS; i++) {
                neighbours.add(browser.tab());
            }
            List<Long> runsBefore =
                    hostiles.stream().map(tab -> tab.loop().runs()).toList();
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run < RUNS_PER_NEIGHBOUR; run++) {
                for (PlaygroundBrowser.Tab tab : neighbours) {
                    PlaygroundBrowser.Shown shown = tab.run("1 + 1");
                    assertEquals("2", shown.result(), shown.error());
                    millis.add(shown.millis());
                }
            }
            for (int i = 0; i < threads; i++) {
                PlaygroundBrowser.Tab hostile = hostiles.get(i);
                long before = runsBefore.get(i);
                browser.await(() -> hostile.loop().runs() > before); // the loop went on meanwhile
            }
            List<PlaygroundBrowser.Loop> loops =
                    hostiles.stream().map(PlaygroundBrowser.Tab::loop).toList();
            Collections.sort(millis);
            double p50 = millis.get(millis.size() / 2);
            double p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
            System.out.printf(
                    "playground_fairness runs=%d hostile_tabs=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f"
                            + " hostile_runs=%d hostile_contexts_closed=%d%n",
                    millis.size(),
                    threads,
                    p50,
                    p99,
                    millis.getLast(),
                    loops.stream().mapToLong(PlaygroundBrowser.Loop::runs).sum(),
                    loops.stream().mapToLong(PlaygroundBrowser.Loop::closed).sum());
            assertTrue(millis.getLast() < 1_000, "a neighbour waited for the loop: " + millis.getLast() + " ms");
        }
    }
}
