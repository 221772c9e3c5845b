package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextHost;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one runtime thread: engine timers ({@code setTimeout}) and the pool's own deadlines for calls
 * awaiting a Promise. Confined to the runtime thread, whose loop runs due timers and parks until the next one.
 */
final class TimerQueue {
    private static final int PURGE_THRESHOLD = 64;

    private final PriorityQueue<Timer> heap =
            new PriorityQueue<>(Comparator.comparingLong((Timer t) -> t.due).thenComparingLong(t -> t.sequence));
    private long sequence;
    /** Timers still in the heap that will never run (cancelled, or of a closed context). */
    private int dead;

    /**
     * @param owner the engine context the task belongs to, or null for the pool's own tasks
     */
    Timer schedule(HostedContext owner, long dueNanos, Runnable task) {
        Timer timer = new Timer(owner, dueNanos, sequence++, task);
        heap.add(timer);
        return timer;
    }

    static long dueIn(long delayMillis) {
        long now = System.nanoTime();
        long delay = TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis));
        long due = now + delay;
        return due - now < 0 ? Long.MAX_VALUE : due; // saturate on overflow
    }

    /**
     * @return when the earliest timer is due, or {@link Long#MAX_VALUE} if none is waiting
     */
    long nextDue() {
        Timer first = heap.peek();
        return first == null ? Long.MAX_VALUE : first.due;
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }

    /**
     * @return the next timer due at {@code nowNanos} that should still run, or null
     */
    Timer pollDue(long nowNanos) {
        Timer first;
        while ((first = heap.peek()) != null && first.due - nowNanos <= 0) {
            heap.poll();
            first.taken = true;
            if (first.cancelled || (first.owner != null && first.owner.isClosed())) {
                dead = Math.max(0, dead - 1);
                continue;
            }
            return first;
        }
        return null;
    }

    /**
     * Notes that some timers in the heap will never run, and drops them once they are many.
     */
    void noteDead(int count) {
        dead += count;
        if (dead > PURGE_THRESHOLD && dead > heap.size() / 2) {
            heap.removeIf(t -> t.cancelled || (t.owner != null && t.owner.isClosed()));
            dead = 0;
        }
    }

    void clear() {
        heap.clear();
        dead = 0;
    }

    /**
     * One scheduled task.
     */
    final class Timer implements ContextHost.Cancellable {
        final HostedContext owner;
        final Runnable task;
        private final long due;
        private final long sequence;
        private boolean cancelled;
        private boolean taken;

        private Timer(HostedContext owner, long due, long sequence, Runnable task) {
            this.owner = owner;
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (cancelled || taken) {
                return;
            }
            cancelled = true;
            if (owner != null) {
                owner.timerGone();
            }
            noteDead(1);
        }
    }
}
