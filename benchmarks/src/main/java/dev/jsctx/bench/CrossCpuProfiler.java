package dev.jsctx.bench;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that runs the {@link CrossCpuProbe} before and after each iteration, while no benchmark thread
 * runs. The results are the iteration's secondary results {@value #BEFORE} and {@value #AFTER}, in nanoseconds:
 * when they differ, the host moved the CPUs during the iteration.
 */
public final class CrossCpuProfiler implements InternalProfiler {
    static final String BEFORE = "crossCpuRoundTripBefore";
    static final String AFTER = "crossCpuRoundTripAfter";

    private double before;

    @Override
    public String getDescription() {
        return "The CPUs' cache-line round trip before and after each iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = CrossCpuProbe.roundTripNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        return List.of(
                new ScalarResult(BEFORE, before, "ns", AggregationPolicy.AVG),
                new ScalarResult(AFTER, CrossCpuProbe.roundTripNanos(), "ns", AggregationPolicy.AVG));
    }
}
