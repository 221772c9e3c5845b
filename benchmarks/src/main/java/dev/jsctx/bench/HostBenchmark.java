package dev.jsctx.bench;

import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link HostCallBenchmark} with JMH and prints its figures per engine: the synchronous host call's overhead per
 * call (p50 of a loop of {@value HostCallBenchmark#LOOP} calls minus the same loop calling JavaScript, divided by
 * {@value HostCallBenchmark#LOOP}), the asynchronous call settled (p50, p99), a message to the handler and back (p50),
 * and the rate of asynchronous host calls beside the plain call rate with {@value CallsBenchmark#THROUGHPUT_CALLERS}
 * callers over 1,000 contexts.
 */
final class HostBenchmark {
    private HostBenchmark() {}

    static void run(List<String> engines, int warmupSeconds, int measureSeconds, int iterations)
            throws RunnerException {
        for (String engine : engines) {
            String prefix = "host_" + (engine.equals("graal") ? "" : engine + "_");
            double sync = p50(latency("syncLoop", engine, warmupSeconds, measureSeconds, iterations));
            double plain = p50(latency("plainLoop", engine, warmupSeconds, measureSeconds, iterations));
            Figures.print(prefix + "sync_loop_p50_us", sync);
            Figures.print(prefix + "plain_loop_p50_us", plain);
            Figures.print(prefix + "sync_overhead_per_call_us", (sync - plain) / HostCallBenchmark.LOOP);
            Statistics async = latency("asyncCall", engine, warmupSeconds, measureSeconds, iterations)
                    .getPrimaryResult()
                    .getStatistics();
            Figures.print(prefix + "async_p50_us", async.getPercentile(50) / 1000.0);
            Figures.print(prefix + "async_p99_us", async.getPercentile(99) / 1000.0);
            Figures.print(
                    prefix + "message_round_trip_p50_us",
                    p50(latency("message", engine, warmupSeconds, measureSeconds, iterations)));
            Figures.print(
                    prefix + "async_calls_per_s", rate("asyncCall", engine, warmupSeconds, measureSeconds, iterations));
            Figures.print(
                    prefix + "plain_calls_per_s", rate("plainCall", engine, warmupSeconds, measureSeconds, iterations));
        }
    }

    private static RunResult latency(String method, String engine, int warmup, int measure, int iterations)
            throws RunnerException {
        return CallsBenchmark.runOne(
                HostCallBenchmark.class, method, engine, Mode.SampleTime, 1, warmup, measure, iterations);
    }

    private static double rate(String method, String engine, int warmup, int measure, int iterations)
            throws RunnerException {
        return CallsBenchmark.runOne(
                        HostCallBenchmark.class,
                        method,
                        engine,
                        Mode.Throughput,
                        CallsBenchmark.THROUGHPUT_CALLERS,
                        warmup,
                        measure,
                        iterations)
                .getPrimaryResult()
                .getScore();
    }

    /** @return the run's median, in microseconds */
    private static double p50(RunResult run) {
        return run.getPrimaryResult().getStatistics().getPercentile(50) / 1000.0;
    }
}
