package dev.jsctx.bench;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.CpuShareExceededException;
import dev.jsctx.pool.FairShare;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A hostile context per runtime thread that spins call after call into its 1 s time limit, and counter contexts
 * beside it (its neighbours) each calling {@code inc} on a fixed schedule: what the neighbours' calls wait, and how
 * much of its thread the hostile context takes.
 *
 * <p>Neighbour latency is measured from each call's planned start (one every {@code intervalMillis}), not from when
 * it was sent, so a neighbour held up by the hostile context counts every call it could not make meanwhile. The
 * hostile context's share of its thread is estimated from its neighbours: the union over that thread's neighbour
 * calls of the spans from a call's planned start to its answer, counting the spans longer than
 * {@link #BLOCKED_NANOS}, over the measured time. Measuring starts after both hostile contexts' first time-out.
 */
final class IsolationBenchmark {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /** A neighbour's call that waited longer than this waited for something else on its thread. */
    private static final long BLOCKED_NANOS = 500_000;

    private static final Script HOSTILE_JS = Script.ofText("hostile.js", "function spin() { for (;;) {} }");

    private IsolationBenchmark() {}

    /**
     * @param neighbours     counter contexts per runtime thread beside the hostile one
     * @param intervalMillis how often each neighbour calls
     * @param fairShare      the pool's {@link FairShare}
     * @param hostile        whether each runtime thread has its hostile context; without, the neighbours' latency
     *                       is the control: what the machine itself costs them
     */
    record Options(
            List<String> engines,
            int warmUpSeconds,
            int seconds,
            int neighbours,
            int intervalMillis,
            FairShare fairShare,
            boolean hostile) {}

    static void run(Options options, PrintStream out) throws Exception {
        out.println("# isolation: 2 runtime threads, call limit " + CALL_TIMEOUT.toMillis() + " ms, "
                + (options.hostile() ? "one hostile context per thread spinning call after call" : "no hostile context")
                + ", " + options.neighbours() + " neighbours per thread calling"
                + " inc every " + options.intervalMillis() + " ms; " + options.fairShare() + "; measured "
                + options.seconds() + " s after both hostile contexts' first time-out, after "
                + options.warmUpSeconds() + " s of warm-up");
        for (String engine : options.engines()) {
            measure(engine, options, out);
        }
    }

    private static void measure(String engine, Options options, PrintStream out) throws Exception {
        String prefix = engine.equals("graal") ? "" : engine + "_";
        PoolConfig.Builder config =
                PoolConfig.builder().callTimeout(CALL_TIMEOUT).fairShare(options.fairShare());
        try (ContextPool pool = Counters.pool(engine, Counters.THREADS, config)) {
            ContextSpec hostileSpec =
                    ContextSpec.builder().addScript(HOSTILE_JS).label("hostile").build();
            List<JsContext> hostiles = new ArrayList<>();
            for (int i = 0; options.hostile() && i < Counters.THREADS; i++) {
                hostiles.add(pool.open(hostileSpec)); // least loaded first: one on each thread
            }
            List<JsContext> neighbours = Counters.open(pool, Counters.THREADS * options.neighbours(), ApiSurface.NONE);

            warmUp(neighbours, Duration.ofSeconds(options.warmUpSeconds()));

            CountDownLatch firstOffences = new CountDownLatch(hostiles.size());
            AtomicInteger timeouts = new AtomicInteger();
            AtomicLong closedAtNanos = new AtomicLong();
            Histogram hostileCalls = new Histogram(3);
            Lateness lateness = new Lateness();
            List<Thread> hostileLoops = new ArrayList<>();
            long hostileStart = System.nanoTime();
            for (JsContext hostile : hostiles) {
                hostileLoops.add(Thread.ofPlatform()
                        .daemon()
                        .start(() -> spinAgainAndAgain(
                                hostile, firstOffences, timeouts, closedAtNanos, hostileCalls, lateness)));
            }
            firstOffences.await();

            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(options.seconds()).toNanos();
            List<Neighbour> measured = new ArrayList<>();
            for (JsContext context : neighbours) {
                measured.add(new Neighbour(context, options.intervalMillis()));
            }
            List<Thread> callers = new ArrayList<>();
            for (Neighbour neighbour : measured) {
                callers.add(Thread.ofVirtual().start(() -> neighbour.callUntil(start, end)));
            }
            for (Thread caller : callers) {
                caller.join();
            }
            long measuredNanos = System.nanoTime() - start;
            hostiles.forEach(JsContext::close);
            for (Thread loop : hostileLoops) {
                loop.join();
            }

            Histogram latency = new Histogram(3);
            long failed = 0;
            for (Neighbour neighbour : measured) {
                latency.add(neighbour.latency);
                failed += neighbour.failed;
            }
            out.println("# " + engine + ": " + latency.getTotalCount() + " neighbour calls, " + failed + " failed");
            Figures.print(out, prefix + "isolation_neighbour_p50_ms", latency.getValueAtPercentile(50) / 1e6);
            Figures.print(out, prefix + "isolation_neighbour_p99_ms", latency.getValueAtPercentile(99) / 1e6);
            Figures.print(out, prefix + "isolation_neighbour_max_ms", latency.getMaxValue() / 1e6);
            Figures.print(out, prefix + "isolation_neighbour_failed", failed);
            double worstShare = 0;
            for (int thread = 0; thread < Counters.THREADS; thread++) {
                double share = blockedShare(measured, thread, measuredNanos);
                worstShare = Math.max(worstShare, share);
                Figures.print(out, prefix + "isolation_hostile_share_pct_thread_" + thread, share * 100);
            }
            Figures.print(out, prefix + "isolation_hostile_share_pct", worstShare * 100);
            Figures.print(out, prefix + "isolation_hostile_timeouts", timeouts.get());
            // from sending a hostile call to its time-out: its pause (deferred) plus its run
            Figures.print(out, prefix + "isolation_hostile_call_p50_ms", hostileCalls.getValueAtPercentile(50) / 1e6);
            lateness.print(out, prefix);
            long closedAt = closedAtNanos.get();
            Figures.print(
                    out,
                    prefix + "isolation_hostile_closed_after_s",
                    closedAt == 0 ? -1 : (closedAt - hostileStart) / 1e9);
        }
    }

    private static void warmUp(List<JsContext> neighbours, Duration warmUp) {
        long until = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() - until < 0) {
            for (JsContext context : neighbours) {
                context.call("inc", Counters.ONE);
            }
        }
    }

    /** The hostile client: calls {@code spin} until its context is closed (by the pool for its share, or at the end). */
    private static void spinAgainAndAgain(
            JsContext hostile,
            CountDownLatch firstOffences,
            AtomicInteger timeouts,
            AtomicLong closedAtNanos,
            Histogram hostileCalls,
            Lateness lateness) {
        boolean offended = false;
        while (true) {
            long start = System.nanoTime();
            try {
                hostile.call("spin");
            } catch (CallTimeoutException e) {
                timeouts.incrementAndGet();
                synchronized (hostileCalls) {
                    hostileCalls.recordValue(System.nanoTime() - start);
                }
                lateness.record(e);
            } catch (ContextClosedException e) {
                if (e instanceof CpuShareExceededException) { // closed by the pool, not by us at the end
                    closedAtNanos.compareAndSet(0, System.nanoTime());
                }
                if (!offended) {
                    firstOffences.countDown();
                }
                return;
            }
            if (!offended) {
                offended = true;
                firstOffences.countDown();
            }
        }
    }

    /**
     * How late the interrupt stopped the hostile calls: each time-out's elapsed time (start of its run to its failure,
     * as the pool reports it) minus its limit; the first offences (limit {@link #CALL_TIMEOUT}) apart from the calls on
     * probation (the shorter limit). All hostile time-outs count, the warm-up's included.
     */
    private static final class Lateness {
        private final Histogram first = new Histogram(3);
        private final Histogram onProbation = new Histogram(3);

        synchronized void record(CallTimeoutException e) {
            long late = Math.max(0, e.elapsed().toNanos() - e.limit().toNanos());
            (e.limit().equals(CALL_TIMEOUT) ? first : onProbation).recordValue(late);
        }

        synchronized void print(PrintStream out, String prefix) {
            Figures.print(out, prefix + "isolation_first_interrupt_late_max_ms", first.getMaxValue() / 1e6);
            Figures.print(
                    out,
                    prefix + "isolation_probation_interrupt_late_p50_ms",
                    onProbation.getValueAtPercentile(50) / 1e6);
            Figures.print(
                    out,
                    prefix + "isolation_probation_interrupt_late_p99_ms",
                    onProbation.getValueAtPercentile(99) / 1e6);
            Figures.print(out, prefix + "isolation_probation_interrupt_late_max_ms", onProbation.getMaxValue() / 1e6);
            Figures.print(out, prefix + "isolation_probation_timeouts", onProbation.getTotalCount());
        }
    }

    /** The union of a thread's neighbours' blocked spans, over the measured time. */
    private static double blockedShare(List<Neighbour> neighbours, int thread, long measuredNanos) {
        List<long[]> spans = new ArrayList<>();
        for (Neighbour neighbour : neighbours) {
            if (neighbour.context.threadIndex() == thread) {
                spans.addAll(neighbour.blocked);
            }
        }
        spans.sort(Comparator.comparingLong(span -> span[0]));
        long covered = 0;
        long until = Long.MIN_VALUE;
        for (long[] span : spans) {
            long from = Math.max(span[0], until);
            if (span[1] > from) {
                covered += span[1] - from;
                until = span[1];
            }
        }
        return (double) covered / measuredNanos;
    }

    /** One neighbour: calls on a fixed schedule and records latency from each call's planned start. */
    private static final class Neighbour {
        private final JsContext context;
        private final long intervalNanos;
        private final Histogram latency = new Histogram(3);
        private final List<long[]> blocked = new ArrayList<>();
        private long failed;

        Neighbour(JsContext context, int intervalMillis) {
            this.context = context;
            this.intervalNanos = Duration.ofMillis(intervalMillis).toNanos();
        }

        void callUntil(long start, long end) {
            for (long planned = start; planned - end < 0; planned += intervalNanos) {
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                try {
                    context.call("inc", Counters.ONE);
                } catch (RuntimeException e) {
                    failed++;
                }
                long done = System.nanoTime();
                latency.recordValue(Math.max(0, done - planned));
                if (done - planned > BLOCKED_NANOS) {
                    blocked.add(new long[] {planned, done});
                }
            }
        }
    }
}
