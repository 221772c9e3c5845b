package dev.jsctx.bench;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LivePage;
import dev.jsctx.liveview.client.LiveReply;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load of the sessions benchmark, against a server with the counter page contract at {@code /} (events
 * {@code inc}, {@code dec}, {@code reset}, {@code add} with {@code {"amount": "5"}}; the count is the view's first
 * dynamic). Each session joins like the browser client: it fetches the page, opens a WebSocket with the page's
 * origin, joins with the page's token and sends heartbeats at the page's interval.
 *
 * <p>Open loop: event {@code i} is due at {@code start + i / rate}, for the session {@code i % sessions}, whether
 * or not earlier replies came back, and its latency runs from that due time to its reply, so a stalled server
 * shows up in the figures instead of slowing the load. Each session's expected count follows the events sent to
 * it (the server handles one socket's events in order); at the end every session's count, as the reply diffs left
 * it, must equal it. A warm-up part before the measured one lets the JIT compilers and the collector settle after
 * the sessions connected.
 *
 * <p>Not thread-safe: one {@link #connect}, {@link #drive}, {@link #close} sequence per instance.
 */
final class SessionLoad implements AutoCloseable {

    /** The events each session cycles through, and what each does to the count. */
    private static final List<Step> STEPS = List.of(
            new Step("inc", Map.of()),
            new Step("add", Map.of("amount", "5")),
            new Step("dec", Map.of()),
            new Step("inc", Map.of()),
            new Step("add", Map.of("amount", "-3")),
            new Step("inc", Map.of()),
            new Step("dec", Map.of()),
            new Step("add", Map.of("amount", "7")),
            new Step("inc", Map.of()),
            new Step("reset", Map.of()));

    private static final int CONNECTS_IN_FLIGHT = 64;
    private static final int ERRORS_SHOWN = 5;
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

    private final URI base;
    private final PrintStream log;
    private final LiveClient client;
    private final List<LiveConnection> connections = new ArrayList<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger errorsShown = new AtomicInteger();
    private long[] expected;

    /**
     * @param base the server, such as {@code http://localhost:4000}
     * @param log  where progress and the first errors go, as {@code #} comment lines
     */
    SessionLoad(URI base, PrintStream log) {
        this.base = base;
        this.log = log;
        this.client = LiveClient.builder(base)
                .timeout(Duration.ofSeconds(30))
                .heartbeatInterval(LivePage.parse(pageOf(base)).heartbeatInterval())
                .keptMessages(0)
                .build();
    }

    /**
     * The figures of one run; latencies in milliseconds. The p99.9 is where a rare long pause (a young collection a
     * minute, say) shows when the p99 no longer does. {@code sentLateP99Millis} is how late this load generator
     * itself sent the measured events, at p99 (its loop thread woken late: its own collector, a JIT compiler, or
     * the machine's host), the part of a latency that is the client's before the event even left.
     */
    record Result(
            int sessions,
            double eventsPerSecond,
            double p50Millis,
            double p99Millis,
            double p999Millis,
            double maxMillis,
            double sentLateP99Millis,
            int errors) {

        static Result none(int sessions, int errors) {
            return new Result(sessions, 0, 0, 0, 0, 0, 0, errors);
        }

        static Result of(int sessions, double eventsPerSecond, Histogram latencies, Histogram sentLate, int errors) {
            return new Result(
                    sessions,
                    eventsPerSecond,
                    millis(latencies.getValueAtPercentile(50)),
                    millis(latencies.getValueAtPercentile(99)),
                    millis(latencies.getValueAtPercentile(99.9)),
                    millis(latencies.getMaxValue()),
                    millis(sentLate.getValueAtPercentile(99)),
                    errors);
        }
    }

    /**
     * Connects and joins sessions, {@value #CONNECTS_IN_FLIGHT} at a time; a session that fails counts as an error.
     *
     * @param count how many
     * @return how many joined
     */
    int connect(int count) throws InterruptedException {
        long start = System.nanoTime();
        LiveConnection[] joined = new LiveConnection[count];
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                inFlight.acquire();
                threads.execute(() -> {
                    try {
                        joined[index] = join(origin);
                    } catch (RuntimeException e) {
                        error("session " + index + " could not join", e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        for (LiveConnection connection : joined) {
            if (connection != null) {
                connections.add(connection);
            }
        }
        log.printf(
                "# %d of %d sessions joined in %.1f s%n", connections.size(), count, (System.nanoTime() - start) / 1e9);
        return connections.size();
    }

    /**
     * Sends {@code rate} events per second in all: first for {@code warmUp}, whose latencies are only printed,
     * then for {@code duration}, whose latencies are the figures. Then waits for every reply and checks every
     * session's count. At {@code rate} 0 it only holds the sessions open for both (heartbeats go on), on any page,
     * and checks that the server closed none.
     *
     * @return the figures of the measured part; errors of both parts
     */
    Result drive(int rate, Duration warmUp, Duration duration) throws InterruptedException {
        return drive(rate, warmUp, duration, connections.size());
    }

    /**
     * As {@link #drive(int, Duration, Duration)}, to the first {@code active} sessions only: the others stay idle.
     *
     * @return the figures of the measured part; {@code sessions} in it is {@code active}
     */
    Result drive(int rate, Duration warmUp, Duration duration, int active) throws InterruptedException {
        int sessions = Math.min(active, connections.size());
        if (sessions == 0) {
            return Result.none(0, errors.get());
        }
        if (rate == 0) {
            Thread.sleep(warmUp.plus(duration));
            checkOpen();
            return Result.none(sessions, errors.get());
        }
        // every session's count, the idle ones' too: wake() and the final check compare them all
        expected = new long[connections.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Long.parseLong(connections.get(i).dynamic(0));
        }
        long warmUpEvents = rate * warmUp.toSeconds();
        long total = warmUpEvents + rate * duration.toSeconds();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        Recorder warmUpLatencies = new Recorder(3);
        Recorder latencies = new Recorder(3);
        CountDownLatch replies = new CountDownLatch(Math.toIntExact(total));
        AtomicLong measuredReplies = new AtomicLong();
        Histogram all = new Histogram(3);
        Histogram sentLate = new Histogram(3); // this loop's thread only
        long start = System.nanoTime();
        long measuredStart = start + warmUpEvents * interval;
        long nextReport = measuredStart + REPORT_INTERVAL.toNanos();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            if (i == warmUpEvents && warmUpEvents > 0) {
                report("warm-up", warmUpLatencies, new Histogram(3));
            }
            if (due >= nextReport) {
                report(String.format("%3.0f s", (nextReport - measuredStart) / 1e9), latencies, all);
                nextReport += REPORT_INTERVAL.toNanos();
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int session = (int) (i % sessions);
            Step step = STEPS.get((int) ((i / sessions) % STEPS.size()));
            expected[session] = step.applyTo(expected[session]);
            boolean measured = i >= warmUpEvents;
            if (measured) {
                sentLate.recordValue(Math.max(0, System.nanoTime() - due));
            }
            connections.get(session).eventAsync(step.event(), step.payload()).whenComplete((reply, failure) -> {
                (measured ? latencies : warmUpLatencies).recordValue(System.nanoTime() - due);
                if (measured) {
                    measuredReplies.incrementAndGet();
                }
                if (failure != null) {
                    error("event " + step.event() + " failed", failure);
                } else if (!reply.ok()) {
                    error("event " + step.event() + " refused: " + reply.reason(), null);
                }
                replies.countDown();
            });
        }
        if (!replies.await(client.timeout().toSeconds() + 5, TimeUnit.SECONDS)) {
            error(replies.getCount() + " events got no reply", null);
        }
        long end = System.nanoTime();
        report("end", latencies, all);
        checkCounts();
        return Result.of(sessions, measuredReplies.get() / ((end - measuredStart) / 1e9), all, sentLate, errors.get());
    }

    /**
     * Wakes idle sessions: one {@code inc} to each of the {@code count} sessions from session {@code first} on, at
     * {@code rate} a second (open loop, as {@link #drive}), then checks every session's count. Meanwhile the first
     * {@code active} sessions get {@code besideRate} {@code inc}s a second in all, interleaved in the same open
     * loop, so the wake-ups can be measured on a server that is busy, not only on one whose CPUs sleep between them;
     * their latencies are printed as {@code beside_*}.
     *
     * @param phase the name of the phase in the printed progress line
     * @return the latencies of those first events
     */
    Result wake(int active, int first, int count, int rate, int besideRate, String phase) throws InterruptedException {
        int end = Math.min(connections.size(), first + count);
        if (end <= first) {
            return Result.none(0, errors.get());
        }
        long wakeInterval = TimeUnit.SECONDS.toNanos(1) / rate;
        long besideInterval =
                besideRate <= 0 || active == 0 ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(1) / besideRate;
        Recorder latencies = new Recorder(3);
        Recorder besideLatencies = new Recorder(3);
        Histogram sentLate = new Histogram(3); // this loop's thread only; the wake-ups' own
        List<CompletableFuture<LiveReply>> replies = new ArrayList<>();
        Step inc = STEPS.get(0);
        long start = System.nanoTime();
        long nextWake = start;
        // no events beside: never due (start + MAX_VALUE would wrap around and be due, with a wait of years)
        long nextBeside = besideInterval == Long.MAX_VALUE ? Long.MAX_VALUE : start;
        int session = first;
        long besideSent = 0;
        while (session < end) {
            boolean wakeUp = nextWake <= nextBeside;
            long due = wakeUp ? nextWake : nextBeside;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int target;
            if (wakeUp) {
                sentLate.recordValue(Math.max(0, System.nanoTime() - due));
                target = session++;
                nextWake += wakeInterval;
            } else {
                target = (int) (besideSent++ % active);
                nextBeside += besideInterval;
            }
            expected[target] = inc.applyTo(expected[target]);
            Recorder recorder = wakeUp ? latencies : besideLatencies;
            String what = wakeUp ? "wake-up event" : "event beside the wake-ups";
            replies.add(connections
                    .get(target)
                    .eventAsync(inc.event(), inc.payload())
                    .whenComplete((reply, failure) -> {
                        recorder.recordValue(System.nanoTime() - due);
                        if (failure != null) {
                            error(what + " failed", failure);
                        } else if (!reply.ok()) {
                            error(what + " refused: " + reply.reason(), null);
                        }
                    }));
        }
        try {
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null) // counted as errors above
                    .get(client.timeout().toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            error(
                    replies.stream().filter(reply -> !reply.isDone()).count() + " wake-up phase events got no reply",
                    null);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(3);
        report(phase, latencies, all);
        if (besideSent > 0) {
            Histogram beside = new Histogram(3);
            report("beside the wake-ups", besideLatencies, beside);
            Figures.print(log, "beside_events_per_s", besideSent / seconds);
            Figures.print(log, "beside_p50_ms", millis(beside.getValueAtPercentile(50)));
            Figures.print(log, "beside_p99_ms", millis(beside.getValueAtPercentile(99)));
        }
        checkCounts();
        return Result.of(end - first, (end - first) / seconds, all, sentLate, errors.get());
    }

    /** Closes every session normally, in parallel, then the client. */
    @Override
    public void close() {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            connections.forEach(connection -> threads.execute(connection::close));
        }
        client.close();
    }

    private LiveConnection join(String origin) {
        LivePage page = client.page("/");
        LiveConnection connection = client.connect(origin);
        LiveReply reply;
        try {
            reply = connection.join(page.token());
        } catch (RuntimeException e) {
            connection.abort();
            throw e;
        }
        if (!reply.ok()) {
            connection.abort();
            throw new IllegalStateException("join refused: " + reply.reason());
        }
        return connection;
    }

    private void checkCounts() {
        for (int i = 0; i < expected.length; i++) {
            LiveConnection connection = connections.get(i);
            String count = connection.dynamic(0);
            if (!count.equals(Long.toString(expected[i]))) {
                error("session " + i + " shows count " + count + ", expected " + expected[i], null);
            }
        }
        checkOpen();
    }

    private void checkOpen() {
        for (int i = 0; i < connections.size(); i++) {
            if (connections.get(i).closed().isDone()) {
                error("session " + i + " was closed by the server", null);
            }
        }
    }

    /** Adds the latencies since the last report to {@code all} and prints them, to show warm-up and stalls. */
    private void report(String when, Recorder latencies, Histogram all) {
        Histogram recent = latencies.getIntervalHistogram();
        all.add(recent);
        log.printf(
                "# %s: %d replies, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                when,
                recent.getTotalCount(),
                millis(recent.getValueAtPercentile(50)),
                millis(recent.getValueAtPercentile(99)),
                millis(recent.getMaxValue()));
    }

    private void error(String what, Throwable cause) {
        errors.incrementAndGet();
        if (errorsShown.incrementAndGet() <= ERRORS_SHOWN) {
            log.println("# error: " + what + (cause == null ? "" : ": " + cause));
        }
    }

    private String pageOf(URI server) {
        try (LiveClient probe = LiveClient.create(server)) {
            return probe.get("/");
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** One event and its effect on the count. */
    private record Step(String event, Map<String, String> payload) {
        long applyTo(long count) {
            return switch (event) {
                case "inc" -> count + 1;
                case "dec" -> count - 1;
                case "reset" -> 0;
                case "add" -> count + Long.parseLong(payload.get("amount"));
                default -> throw new IllegalArgumentException(event);
            };
        }
    }
}
