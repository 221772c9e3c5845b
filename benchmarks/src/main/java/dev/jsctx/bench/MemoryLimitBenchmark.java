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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * The memory limit under fire (issue 17), on GraalJS in a JVM of {@code -Xmx512m} ({@code run.sh} sets it for this
 * benchmark): heap bombs, one after another, each in a fresh context with a 16 MB limit, while callers keep calling
 * counter contexts on the same two runtime threads. Prints whether every bomb got the typed error, the neighbours'
 * success rate and latency, and how long a bomb ran before it was stopped; then the cost of the limit on an ordinary
 * counter call, with and without a limit side by side (see {@link #costOfTheTrigger}).
 */
final class MemoryLimitBenchmark {
    static final long LIMIT = 16L << 20;
    private static final int NEIGHBOURS = 20;
    private static final int CALLERS = 4;
    private static final int LATENCIES_PER_CALLER = 250_000;
    /** Contexts of each kind for the trigger's cost: 1,000, as in the calls benchmark, so caches are not flattered. */
    private static final int TRIGGER_CONTEXTS = 1_000;

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
        if (bombs > 0) { // --bombs 0: only the trigger's cost
            bombs(bombs);
        }
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

    /**
     * The trigger's cost, side by side in one pool and one caller: each round calls {@code inc} on a context without a
     * limit and on one with 16 MB (a new pair each iteration), in turns (which goes first alternates), each call timed alone into its own
     * histogram. Both run on the same runtime thread at the same moment, so where the host places the CPUs (a
     * cross-CPU round trip of 130 or 480 ns here, by turns) counts the same for both.
     */
    private static void costOfTheTrigger(int warmupSeconds, int measureSeconds, int iterations)
            throws InterruptedException {
        try (ContextPool pool = Counters.pool("graal", 1, PoolConfig.builder().sparesPerSpec(2))) {
            ContextSpec limited = ContextSpec.builder()
                    .addScript(Counters.COUNTER_JS)
                    .label("limited")
                    .memoryLimit(LIMIT)
                    .build();
            List<JsContext> plain = Counters.open(pool, TRIGGER_CONTEXTS);
            List<JsContext> guarded = new ArrayList<>(TRIGGER_CONTEXTS);
            for (int i = 0; i < TRIGGER_CONTEXTS; i++) {
                guarded.add(pool.open(limited));
            }
            Histogram withoutLimit = new Histogram(3);
            Histogram withLimit = new Histogram(3);
            Thread caller = Thread.ofVirtual().start(() -> {
                callInTurns(plain, guarded, Duration.ofSeconds(warmupSeconds), null, null);
                for (int i = 0; i < iterations; i++) {
                    callInTurns(plain, guarded, Duration.ofSeconds(measureSeconds), withoutLimit, withLimit);
                }
            });
            caller.join();
            Figures.print("trigger_cross_cpu_round_trip_ns", CrossCpuProbe.roundTripNanos());
            print("call_no_limit", withoutLimit);
            print("call_limit_16mb", withLimit);
            double p50Without = withoutLimit.getValueAtPercentile(50);
            Figures.print(
                    "trigger_cost_p50_pct", 100.0 * (withLimit.getValueAtPercentile(50) - p50Without) / p50Without);
        }
    }

    /**
     * Calls {@code inc} on a pair picked at random (as {@link PoolCallBenchmark} picks one context per caller) for
     * {@code duration}, recording each call if histograms are given.
     */
    private static void callInTurns(
            List<JsContext> plain, List<JsContext> guarded, Duration duration, Histogram without, Histogram with) {
        int pick = ThreadLocalRandom.current().nextInt(plain.size());
        JsContext unlimited = plain.get(pick);
        JsContext limited = guarded.get(pick);
        long end = System.nanoTime() + duration.toNanos();
        for (long round = 0; System.nanoTime() < end; round++) {
            boolean limitedFirst = (round & 1) == 1;
            timedInc(limitedFirst ? limited : unlimited, limitedFirst ? with : without);
            timedInc(limitedFirst ? unlimited : limited, limitedFirst ? without : with);
        }
    }

    private static void timedInc(JsContext context, Histogram into) {
        long start = System.nanoTime();
        context.call("inc", Counters.ONE);
        if (into != null) {
            into.recordValue(System.nanoTime() - start);
        }
    }

    private static void print(String key, Histogram times) {
        Figures.print(key + "_p50_us", times.getValueAtPercentile(50) / 1000.0);
        Figures.print(key + "_p99_us", times.getValueAtPercentile(99) / 1000.0);
        Figures.print(key + "_mean_us", times.getMean() / 1000.0);
    }
}
