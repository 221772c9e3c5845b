package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many sessions at once, each with its own JS context in the app: counts stay right and every context is closed
 * when its session ends. The event latency is printed, not asserted: this is a correctness check under load, and
 * speed belongs to the benchmarks module.
 */
class CounterAppLoadIT {

    private static final System.Logger LOGGER = System.getLogger(CounterAppLoadIT.class.getName());
    private static final int SESSIONS = 1_000;
    private static final int EVENTS = 10;
    /** Generous for 1,000 joins queued on two cores; a healthy run takes seconds. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final CounterAppExtension APP = new CounterAppExtension(CounterApp.Setup.defaults()
            // one client opening 1,000 sessions from one token is what the admission limits refuse
            .withEnv(
                    "JAVA_OPTS",
                    "-Xmx1g -Dliveview.max-sockets-per-client=2000"
                            + " -Dliveview.max-joins-per-client-per-minute=10000"
                            + " -Dliveview.max-views-per-token=2000"));

    @Test
    @DisplayName("1,000 sessions at once each send 10 events: every count is 10, and contexts go back to the baseline")
    void thousandSessions(CounterApp app) throws Exception {
        int contextsBefore = app.contextsOpen();
        Histogram latencyMicros = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        try (LiveClient client = LiveClient.builder(app.uri("/"))
                        .timeout(CLIENT_TIMEOUT)
                        .keptMessages(0)
                        .build();
                ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            String token = client.page("/").token();

            List<LiveConnection> tabs = inParallel(sessions, SESSIONS, i -> {
                LiveConnection tab = client.connect(app.origin());
                LiveReply join = tab.join(token);
                assertTrue(join.ok(), join::toString);
                return tab;
            });
            assertEquals(contextsBefore + SESSIONS, app.contextsOpen(), "contexts open with every session joined");

            List<String> counts = inParallel(sessions, SESSIONS, i -> {
                LiveConnection tab = tabs.get(i);
                for (int event = 0; event < EVENTS; event++) {
                    long start = System.nanoTime();
                    LiveReply reply = tab.event("inc");
                    latencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                    assertTrue(reply.ok(), reply::toString);
                }
                return tab.dynamic(0);
            });
            assertEquals(
                    List.of(Integer.toString(EVENTS)),
                    counts.stream().distinct().toList(),
                    "the distinct final counts of " + SESSIONS + " sessions");

            inParallel(sessions, SESSIONS, i -> {
                tabs.get(i).close();
                return null;
            });
        }
        LOGGER.log(
                System.Logger.Level.INFO,
                "{0} sessions x {1} events, all in flight at once (closed loop, so it includes queueing): "
                        + "event latency p50 {2} µs, p99 {3} µs, max {4} µs",
                SESSIONS,
                EVENTS,
                latencyMicros.getValueAtPercentile(50),
                latencyMicros.getValueAtPercentile(99),
                latencyMicros.getMaxValue());
        Poll.until(
                "contexts open back to " + contextsBefore,
                Duration.ofSeconds(15),
                app::contextsOpen,
                open -> open == contextsBefore);
    }

    /** A session's part of a step, given the session's index. */
    @FunctionalInterface
    private interface Step<T> {
        T run(int session) throws Exception;
    }

    /**
     * Runs one step for every session at once, each on its own virtual thread, and waits for all of them.
     *
     * @return each session's result, in session order
     * @throws Exception the first failure, by session order, once every session is done
     */
    private static <T> List<T> inParallel(ExecutorService executor, int sessions, Step<T> step) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int session = i;
            futures.add(executor.submit(() -> step.run(session)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return results;
    }
}
