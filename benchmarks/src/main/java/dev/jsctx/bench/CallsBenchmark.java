package dev.jsctx.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the call benchmarks with JMH and prints their figures: one caller's latency (p50, p99), many callers'
 * throughput with the slowest and the median caller's share of it, and the raw GraalJS baseline, all in one run.
 * Beside the throughput it prints each measured iteration's rate with the CPUs' cache-line round trip measured
 * right before and after it ({@link CrossCpuProfiler}), because on a virtual machine the one moves with the other.
 */
final class CallsBenchmark {
    /** Enough callers to keep two runtime threads busy; each is a virtual thread. */
    static final int THROUGHPUT_CALLERS = 64;

    private CallsBenchmark() {}

    static void run(List<String> engines, int warmupSeconds, int measureSeconds, int iterations)
            throws RunnerException {
        for (String engine : engines) {
            String prefix = engine.equals("graal") ? "" : engine + "_";
            RunResult latency = runOne(
                    PoolCallBenchmark.class, engine, Mode.SampleTime, 1, warmupSeconds, measureSeconds, iterations);
            Statistics sample = latency.getPrimaryResult().getStatistics();
            Figures.print(prefix + "call_p50_us", sample.getPercentile(50) / 1000.0);
            Figures.print(prefix + "call_p99_us", sample.getPercentile(99) / 1000.0);
            RunResult throughput = runOne(
                    PoolCallBenchmark.class,
                    engine,
                    Mode.Throughput,
                    THROUGHPUT_CALLERS,
                    warmupSeconds,
                    measureSeconds,
                    iterations);
            Figures.print(prefix + "calls_per_s", throughput.getPrimaryResult().getScore());
            Statistics perCaller = perCaller(throughput);
            Figures.print(prefix + "calls_per_s_caller_min", perCaller.getMin());
            Figures.print(prefix + "calls_per_s_caller_p50", perCaller.getPercentile(50));
            printIterations(prefix, throughput);
        }
        RunResult raw = runOne(
                RawGraalCallBenchmark.class, null, Mode.SampleTime, 1, warmupSeconds, measureSeconds, iterations);
        Figures.print("raw_call_p50_us", raw.getPrimaryResult().getStatistics().getPercentile(50) / 1000.0);
        RunResult lookup = runOne(
                RawGraalLookupBenchmark.class, null, Mode.SampleTime, 1, warmupSeconds, measureSeconds, iterations);
        Figures.print(
                "raw_call_lookup_p50_us",
                lookup.getPrimaryResult().getStatistics().getPercentile(50) / 1000.0);
    }

    /**
     * Each caller's own rate in each measured iteration: whether the total is shared out fairly or made by a
     * few callers.
     */
    private static Statistics perCaller(RunResult throughput) {
        ListStatistics rates = new ListStatistics();
        for (IterationResult iteration : measuredIterations(throughput)) {
            for (Result<?> caller : iteration.getRawPrimaryResults()) {
                rates.addValue(caller.getScore());
            }
        }
        return rates;
    }

    /** Each measured iteration's rate and the CPUs' round trip measured right before and after it. */
    private static void printIterations(String prefix, RunResult throughput) {
        int number = 0;
        for (IterationResult iteration : measuredIterations(throughput)) {
            number++;
            Figures.print(
                    prefix + "calls_per_s_iteration_" + number,
                    iteration.getPrimaryResult().getScore());
            Figures.print(
                    prefix + "cross_cpu_round_trip_ns_before_" + number,
                    iteration.getSecondaryResults().get(CrossCpuProfiler.BEFORE).getScore());
            Figures.print(
                    prefix + "cross_cpu_round_trip_ns_after_" + number,
                    iteration.getSecondaryResults().get(CrossCpuProfiler.AFTER).getScore());
        }
    }

    private static List<IterationResult> measuredIterations(RunResult run) {
        return run.getBenchmarkResults().stream()
                .flatMap(fork -> fork.getIterationResults().stream())
                .toList();
    }

    private static RunResult runOne(
            Class<?> benchmark,
            String engine,
            Mode mode,
            int threads,
            int warmupSeconds,
            int measureSeconds,
            int iterations)
            throws RunnerException {
        return runOne(benchmark, null, engine, mode, threads, warmupSeconds, measureSeconds, iterations);
    }

    /**
     * Runs one JMH benchmark class, or one of its methods, in a fork with this JVM's flags.
     *
     * @param method the benchmark method, or null for every method of the class
     * @param engine the {@code engine} parameter, or null for a class without it
     */
    static RunResult runOne(
            Class<?> benchmark,
            String method,
            String engine,
            Mode mode,
            int threads,
            int warmupSeconds,
            int measureSeconds,
            int iterations)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(method == null ? benchmark.getName() : benchmark.getName() + "." + method + "$")
                .mode(mode)
                .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.NANOSECONDS)
                .threads(threads)
                .forks(1)
                .warmupIterations(warmupSeconds > 0 ? 1 : 0)
                .warmupTime(TimeValue.seconds(Math.max(1, warmupSeconds)))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(measureSeconds))
                // The forked JVM gets this JVM's flags (JIT, module path) plus virtual-thread callers.
                .jvmArgs(jvmArgs(benchmark == PoolCallBenchmark.class || benchmark == HostCallBenchmark.class));
        if (engine != null) {
            options.param("engine", engine);
        }
        if (mode == Mode.Throughput) {
            options.addProfiler(CrossCpuProfiler.class); // only the throughput figures are printed beside it
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.iterator().next();
    }

    private static String[] jvmArgs(boolean virtualCallers) {
        List<String> args = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (virtualCallers) {
            args.add("-Djmh.executor=VIRTUAL");
        }
        return args.toArray(String[]::new);
    }
}
