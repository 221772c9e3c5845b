package dev.jsctx.bench;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.MemoryLimitExceededException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The memory limit under fire (issue 17), on GraalJS in a JVM of {@code -Xmx512m} ({@code run.sh} sets it for this
 * benchmark): heap bombs, one after another, each in a fresh context with a 16 MB limit, while callers keep calling
 * counter contexts on the same two runtime threads. Prints whether every bomb got the typed error, the neighbours'
 * success rate and latency, and how long a bomb ran before it was stopped; then, with JMH, the cost of the limit on
 * an ordinary counter call ({@link LimitedCallBenchmark}, with and without a limit, in one run).
 */
final class MemoryLimitBenchmark {
    static final long LIMIT = 16L << 20;
    private static final int NEIGHBOURS = 20;
    private static final int CALLERS = 4;
    private static final int LATENCIES_PER_CALLER = 250_000;
    private static final Script BOMBS = Script.ofText("bombs.js", """
            var keep = [];
            function arrays() { while (true) { keep.push(new Array(1e7).fill(0)); } }
            function buffers() { while (true) { keep.push(new ArrayBuffer(1 << 20)); } }
            function strings() { for (var i = 0; ; i++) { keep.push('x'.repeat(1 << 20) + i); } }
            function graph() { var o = {}; keep.push(o); for (var i = 0; ; i++) { o = o.next = {i: i, a: [i, 'n' + i, {}]}; } }
            """);
    private static final List<String> KINDS = List.of("arrays", "buffers", "strings", "graph");

    private MemoryLimitBenchmark() {}

    static void run(int bombs, int warmupSeconds, int measureSeconds, int iterations) throws Exception {
        Figures.print(
                "max_heap_mb",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20);
        bombs(bombs);
        costOfTheTrigger(warmupSeconds, measureSeconds, iterations);
    }

    private static void bombs(int bombs) throws InterruptedException {
        try (ContextPool pool = Counters.pool(
                "graal",
                Counters.THREADS,
                PoolConfig.builder().memoryLimit(LIMIT).callTimeout(Duration.ofSeconds(60)))) {
            List<JsContext> neighbours = Counters.open(pool, NEIGHBOURS);
            ContextSpec bombSpec =
                    ContextSpec.builder().addScript(BOMBS).label("bomb").build();
            for (JsContext neighbour : neighbours) {
                neighbour.call("inc", Counters.ONE); // warm: the first calls compile
            }
            AtomicBoolean bombing = new AtomicBoolean(true);
            List<long[]> latencies = new ArrayList<>();
            long[] failures = new long[CALLERS];
            int[] recorded = new int[CALLERS];
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                int caller = c;
                long[] own = new long[LATENCIES_PER_CALLER];
                latencies.add(own);
                callers.add(Thread.ofVirtual().start(() -> {
                    int n = 0;
                    for (int i = caller; bombing.get() && n < own.length; i += CALLERS) {
                        long start = System.nanoTime();
                        try {
                            neighbours.get(i % NEIGHBOURS).call("inc", Counters.ONE);
                        } catch (RuntimeException e) {
                            failures[caller]++;
                        }
                        own[n++] = System.nanoTime() - start;
                    }
                    recorded[caller] = n;
                }));
            }
            int typed = 0;
            long[] stoppedMillis = new long[bombs];
            for (int b = 0; b < bombs; b++) {
                JsContext bomb = pool.open(bombSpec);
                long start = System.nanoTime();
                try {
                    bomb.call(KINDS.get(b % KINDS.size()));
                } catch (MemoryLimitExceededException e) {
                    typed++;
                } catch (RuntimeException e) {
                    System.out.println("# bomb " + b + " failed otherwise: " + e);
                }
                stoppedMillis[b] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                bomb.close();
            }
            bombing.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            long calls = 0;
            long failed = 0;
            List<Long> all = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                long[] own = latencies.get(c);
                int n = recorded[c];
                calls += n;
                failed += failures[c];
                for (int i = 0; i < n; i++) {
                    all.add(own[i]);
                }
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            Arrays.sort(stoppedMillis);
            Figures.print("bombs", bombs);
            Figures.print("bombs_typed_error", typed);
            Figures.print("bomb_stopped_p50_ms", stoppedMillis[bombs / 2]);
            Figures.print("bomb_stopped_max_ms", stoppedMillis[bombs - 1]);
            Figures.print("neighbour_calls", calls);
            Figures.print("neighbour_success_pct", calls == 0 ? 0 : 100.0 * (calls - failed) / calls);
            Figures.print("neighbour_call_p50_us", percentile(sorted, 50) / 1000.0);
            Figures.print("neighbour_call_p99_us", percentile(sorted, 99) / 1000.0);
            Figures.print("neighbour_call_max_ms", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            Figures.print("jvm_survived", 1);
        }
    }

    private static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * p / 100)];
    }

    private static void costOfTheTrigger(int warmupSeconds, int measureSeconds, int iterations) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(LimitedCallBenchmark.class.getName())
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .threads(1)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(measureSeconds))
                .jvmArgs(jvmArgs());
        for (RunResult result : new Runner(options.build()).run()) {
            String limit = result.getParams().getParam("memoryLimitBytes");
            String key = "0".equals(limit) ? "call_no_limit" : "call_limit_16mb";
            Figures.print(
                    key + "_p50_us", result.getPrimaryResult().getStatistics().getPercentile(50) / 1000.0);
            Figures.print(
                    key + "_p99_us", result.getPrimaryResult().getStatistics().getPercentile(99) / 1000.0);
            Figures.print(
                    key + "_mean_us", result.getPrimaryResult().getStatistics().getMean() / 1000.0);
        }
    }

    private static String[] jvmArgs() {
        List<String> args = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        args.add("-Djmh.executor=VIRTUAL");
        return args.toArray(String[]::new);
    }
}
