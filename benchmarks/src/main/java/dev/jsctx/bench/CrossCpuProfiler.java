package dev.jsctx.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.Collection;
import java.util.List;

/**
 * A JMH profiler that measures, before and after each iteration while no benchmark thread runs, what it costs
 * two CPUs to pass a cache line back and forth: two platform threads take turns incrementing one volatile counter
 * for 200 ms. On a virtual machine this is not a constant: on the 2-core machine these benchmarks run on, it moved
 * between about 140 and 400 ns a round trip within one run, as the host placed the two virtual CPUs nearer or
 * farther apart, and every call handed from a caller to a runtime thread and back moves with it. The results are
 * the iteration's secondary results {@value #BEFORE} and {@value #AFTER}, in nanoseconds: when they differ, the
 * placement changed during the iteration.
 */
public final class CrossCpuProfiler implements InternalProfiler {
    static final String BEFORE = "crossCpuRoundTripBefore";
    static final String AFTER = "crossCpuRoundTripAfter";
    private static final long PROBE_NANOS = 200_000_000;

    /** Odd while it is the answering thread's turn, even while it is the asking thread's. */
    private volatile long turn;
    private volatile boolean done;
    private double before;

    @Override
    public String getDescription() {
        return "The CPUs' cache-line round trip before and after each iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = roundTripNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                      IterationResult result) {
        return List.of(new ScalarResult(BEFORE, before, "ns", AggregationPolicy.AVG),
                new ScalarResult(AFTER, roundTripNanos(), "ns", AggregationPolicy.AVG));
    }

    /**
     * @return the mean time of one round trip (two hand-overs and a clock read) in nanoseconds
     */
    private double roundTripNanos() {
        done = false;
        Thread answering = Thread.ofPlatform().daemon().name("cross-cpu-probe").start(() -> {
            while (!done) {
                long seen = turn;
                if ((seen & 1) == 1) {
                    turn = seen + 1;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        long start = System.nanoTime();
        long trips = 0;
        long now;
        do {
            long mine = turn + 1;
            turn = mine;
            while (turn == mine) {
                Thread.onSpinWait();
            }
            trips++;
            now = System.nanoTime();
        } while (now - start < PROBE_NANOS);
        done = true;
        try {
            answering.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (double) (now - start) / trips;
    }
}
