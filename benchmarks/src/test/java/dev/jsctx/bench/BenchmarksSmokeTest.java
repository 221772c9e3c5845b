package dev.jsctx.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.FairShare;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One tiny run of each pool benchmark, so they keep working: every figure they promise is printed, as a number.
 * Not a measurement: the runs are far too short, and nothing here asserts a speed or a size.
 */
class BenchmarksSmokeTest {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    @Test
    @DisplayName("memory prints the heap per context of raw GraalJS and of each engine's pool, and what memoryBytes()"
            + " says of them")
    void memory() throws Exception {
        String printed = capture(() -> MemoryBenchmark.run(20, List.of("graal", "rhino")));
        assertFigures(
                printed,
                "heap_per_context_raw_graal_bytes",
                "heap_per_context_none_bytes",
                "heap_per_context_none_reported_bytes",
                "heap_per_context_browser_bytes",
                "heap_per_context_browser_reported_bytes",
                "heap_per_context_rhino_none_bytes",
                "heap_per_context_rhino_none_reported_bytes");
    }

    @Test
    @DisplayName("memory-cost prints what one memoryBytes() costs and says, for each engine")
    void memoryCost() throws Exception {
        String printed = capture(() -> MemoryCostBenchmark.run(20, 0, List.of("graal", "rhino")));
        assertFigures(
                printed,
                "memory_bytes_reported",
                "memory_bytes_p50_us",
                "memory_bytes_p99_us",
                "rhino_memory_bytes_reported",
                "rhino_memory_bytes_p50_us",
                "rhino_memory_bytes_p99_us");
    }

    @Test
    @DisplayName("open prints open and close latencies for each engine")
    void open() throws Exception {
        String printed = capture(() -> OpenBenchmark.run(20, 1, List.of("graal", "rhino")));
        assertFigures(
                printed,
                "open_spare_p50_us",
                "open_cold_p50_us",
                "close_p50_us",
                "rhino_open_spare_p50_us",
                "rhino_open_cold_p50_us",
                "rhino_close_p50_us");
    }

    @Test
    @DisplayName("calls runs the JMH benchmarks and prints latency and throughput, beside raw GraalJS, and each "
            + "iteration's rate with the CPUs' round trip around it")
    void calls() throws Exception {
        String printed = capture(() -> CallsBenchmark.run(List.of("noop"), 0, 1, 1));
        assertFigures(
                printed,
                "noop_call_p50_us",
                "noop_call_p99_us",
                "noop_calls_per_s",
                "raw_call_p50_us",
                "noop_calls_per_s_iteration_1",
                "noop_cross_cpu_round_trip_ns_before_1",
                "noop_cross_cpu_round_trip_ns_after_1");
    }

    @Test
    @DisplayName("isolation prints neighbours' latency beside a hostile context, its share and how late interrupts are")
    void isolation() throws Exception {
        String printed = capture(() -> IsolationBenchmark.run(
                new IsolationBenchmark.Options(List.of("graal", "rhino"), 0, 1, 1, 1, FairShare.defaults(), true),
                System.out));
        assertFigures(
                printed,
                "isolation_neighbour_p50_ms",
                "isolation_neighbour_p99_ms",
                "isolation_hostile_share_pct",
                "isolation_hostile_timeouts",
                "isolation_hostile_closed_after_s",
                "isolation_probation_interrupt_late_p50_ms",
                "isolation_probation_interrupt_late_p99_ms",
                "rhino_isolation_neighbour_p50_ms",
                "rhino_isolation_neighbour_p99_ms",
                "rhino_isolation_hostile_share_pct");
    }

    @Test
    @DisplayName("host runs the JMH benchmarks of host functions and messages and prints every figure")
    void host() throws Exception {
        String printed = capture(() -> HostBenchmark.run(List.of("rhino"), 0, 1, 1));
        assertFigures(
                printed,
                "host_rhino_sync_loop_p50_us",
                "host_rhino_plain_loop_p50_us",
                "host_rhino_sync_overhead_per_call_us",
                "host_rhino_async_p50_us",
                "host_rhino_async_p99_us",
                "host_rhino_message_round_trip_p50_us",
                "host_rhino_async_calls_per_s",
                "host_rhino_plain_calls_per_s");
    }

    @Test
    @DisplayName("handoff prints how fast a parked platform thread and a parked virtual thread wake")
    void handOff() throws Exception {
        String printed = capture(() -> HandOffBenchmark.run(50, 1_000));
        assertFigures(
                printed,
                "platform_hand_off_p50_us",
                "platform_hand_off_p99_us",
                "platform_hand_off_p99_9_us",
                "platform_hand_off_max_us",
                "virtual_hand_off_p50_us",
                "virtual_hand_off_p99_us",
                "virtual_hand_off_p99_9_us",
                "virtual_hand_off_max_us");
    }

    private static void assertFigures(String printed, String... keys) {
        for (String key : keys) {
            assertTrue(
                    printed.lines()
                            .anyMatch(line -> line.startsWith(key + "=")
                                    && NUMBER.matcher(line.substring(key.length() + 1))
                                            .matches()),
                    key + "=<number> missing in:\n" + printed);
        }
    }

    private static String capture(ThrowingRunnable benchmark) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            benchmark.run();
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
