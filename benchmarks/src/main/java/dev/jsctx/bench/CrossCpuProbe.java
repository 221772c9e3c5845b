package dev.jsctx.bench;

/**
 * Measures what it costs the machine's CPUs to pass a cache line back and forth: two platform threads take turns
 * incrementing one volatile counter for 200 ms. On a virtual machine this is not a constant: on the 2-core machine
 * these benchmarks run on, it moved between about 130 and 340 ns a round trip within one run, as the host placed
 * the two virtual CPUs nearer or farther apart, and whatever hands work from one thread to another moves with it.
 * The figure is the fastest of the 2-ms slices, so that another busy thread taking a CPU from the probe for a
 * while (a JIT compiler, a collector) does not pass for a slow machine.
 */
final class CrossCpuProbe {
    private static final long PROBE_NANOS = 200_000_000;
    private static final long SLICE_NANOS = 2_000_000;

    /** Odd while it is the answering thread's turn, even while it is the asking thread's. */
    private static volatile long turn;

    private static volatile boolean done;

    private CrossCpuProbe() {}

    /**
     * @return the mean time of one round trip (two hand-overs and a clock read) in nanoseconds, in the fastest slice
     */
    static synchronized double roundTripNanos() {
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
        long sliceStart = start;
        long trips = 0;
        double fastest = Double.MAX_VALUE;
        long now;
        do {
            long mine = turn + 1;
            turn = mine;
            while (turn == mine) {
                Thread.onSpinWait();
            }
            trips++;
            now = System.nanoTime();
            if (now - sliceStart >= SLICE_NANOS) {
                fastest = Math.min(fastest, (double) (now - sliceStart) / trips);
                sliceStart = now;
                trips = 0;
            }
        } while (now - start < PROBE_NANOS);
        done = true;
        try {
            answering.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fastest;
    }
}
