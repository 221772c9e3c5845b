package dev.jsctx.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The machine's floor under every latency at a low rate: how long a parked thread takes to run again after another
 * thread unparks it, {@code rate} times a second, for a platform and a virtual thread. Between two hand-offs the
 * parked thread's CPU has nothing to do, so on a virtual machine the host may have taken it back; each event of the
 * sessions benchmark goes through several such hand-offs (the client's sender, the server's poller, the
 * connection's virtual thread, the runtime thread and back, the client's reader), and none can be faster than
 * this. Open loop: a hand-off is due at {@code start + i / rate}, and its latency runs from the unpark to the
 * woken thread's first clock read.
 */
final class HandOffBenchmark {
    /** A woken thread that has not run after this long counts with this latency, and the loop goes on. */
    private static final long GIVE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private HandOffBenchmark() {}

    static void run(int count, int rate) throws InterruptedException {
        System.out.printf("# hand-offs: %d at %d a second to a parked thread, each kind%n", count, rate);
        print("platform", measure(Thread.ofPlatform().name("hand-off-taker"), count, rate));
        print("virtual", measure(Thread.ofVirtual().name("hand-off-taker"), count, rate));
    }

    private static Histogram measure(Thread.Builder kind, int count, int rate) throws InterruptedException {
        Taker taker = new Taker();
        Thread thread = kind.start(taker);
        Histogram latencies = new Histogram(3);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long due = System.nanoTime() + interval;
        for (int i = 0; i < count; i++) {
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            due += interval;
            long sent = System.nanoTime();
            taker.sent = sent;
            taker.pending = true;
            LockSupport.unpark(thread);
            long woke;
            // spin, not park: the giver's own wake-up must not be part of the figure
            while ((woke = taker.woke) < sent && System.nanoTime() - sent < GIVE_UP_NANOS) {
                Thread.onSpinWait();
            }
            latencies.recordValue(woke < sent ? GIVE_UP_NANOS : woke - sent);
        }
        taker.done = true;
        LockSupport.unpark(thread);
        thread.join();
        return latencies;
    }

    private static void print(String kind, Histogram latencies) {
        Figures.print(kind + "_hand_off_p50_us", latencies.getValueAtPercentile(50) / 1e3);
        Figures.print(kind + "_hand_off_p99_us", latencies.getValueAtPercentile(99) / 1e3);
        Figures.print(kind + "_hand_off_p99_9_us", latencies.getValueAtPercentile(99.9) / 1e3);
        Figures.print(kind + "_hand_off_max_us", latencies.getMaxValue() / 1e3);
    }

    /** Parks until handed a turn, and notes when it ran. */
    private static final class Taker implements Runnable {
        volatile boolean pending;
        volatile boolean done;
        volatile long sent;
        volatile long woke;

        @Override
        public void run() {
            while (!done) {
                if (pending) {
                    pending = false;
                    woke = Math.max(System.nanoTime(), sent); // the same clock; never before the unpark's read
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
