package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextHost;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one runtime thread: engine timers ({@code setTimeout}), one {@link Group} per engine context, and
 * the pool's own deadlines for calls awaiting a Promise. Confined to the runtime thread, whose loop runs due timers
 * and parks until the next one. All timer bookkeeping is here: what is pending, what will never run, and when to
 * drop the dead.
 */
final class TimerQueue {
    private static final int PURGE_THRESHOLD = 64;
    private static final ContextHost.Cancellable ALREADY_CLOSED = () -> {};

    private final PriorityQueue<Timer> heap =
            new PriorityQueue<>(Comparator.comparingLong((Timer t) -> t.due).thenComparingLong(t -> t.sequence));
    private long sequence;
    /** Timers still in the heap that will never run (cancelled, or of a closed group). */
    private int dead;

    /** A new group for the timers of one engine context. */
    Group newGroup(HostedContext owner) {
        return new Group(owner);
    }

    /** A deadline of the pool itself; runs no engine code. */
    Timer schedule(long dueNanos, Runnable task) {
        return add(null, dueNanos, task);
    }

    private Timer add(Group group, long dueNanos, Runnable task) {
        Timer timer = new Timer(group, dueNanos, sequence++, task);
        heap.add(timer);
        return timer;
    }

    private static long dueIn(long delayMillis) {
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
            if (first.isDead()) {
                dead = Math.max(0, dead - 1);
                continue;
            }
            if (first.group != null) {
                first.group.pending--;
            }
            return first;
        }
        return null;
    }

    /**
     * Puts a timer just taken by {@link #pollDue} back, to run at {@code dueNanos} instead (its context is deferred,
     * see {@link FairShare}). Its handle still cancels it.
     */
    void postpone(Timer timer, long dueNanos) {
        timer.due = dueNanos;
        timer.taken = false;
        if (timer.group != null) {
            timer.group.pending++;
        }
        heap.add(timer);
    }

    /** Notes that some timers in the heap will never run, and drops them once they are many. */
    private void noteDead(int count) {
        dead += count;
        if (dead > PURGE_THRESHOLD && dead > heap.size() / 2) {
            heap.removeIf(Timer::isDead);
            dead = 0;
        }
    }

    void clear() {
        heap.clear();
        dead = 0;
    }

    /** The timers of one engine context: none runs once the group is closed. */
    final class Group {
        private final HostedContext owner;
        private int pending;
        private boolean closed;

        private Group(HostedContext owner) {
            this.owner = owner;
        }

        ContextHost.Cancellable schedule(long delayMillis, Runnable task) {
            if (closed) {
                return ALREADY_CLOSED;
            }
            pending++;
            return add(this, dueIn(delayMillis), task);
        }

        /** @return whether a timer of the group is waiting to run */
        boolean hasPending() {
            return pending > 0;
        }

        /** Idempotent. */
        void close() {
            if (!closed) {
                closed = true;
                noteDead(pending);
                pending = 0;
            }
        }
    }

    /** One scheduled task. */
    final class Timer implements ContextHost.Cancellable {
        private final Group group;
        private final Runnable task;
        private long due;
        private final long sequence;
        private boolean cancelled;
        private boolean taken;

        private Timer(Group group, long due, long sequence, Runnable task) {
            this.group = group;
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        /** @return the engine context the task belongs to, or null for the pool's own deadlines */
        HostedContext owner() {
            return group == null ? null : group.owner;
        }

        void run() {
            task.run();
        }

        private boolean isDead() {
            return cancelled || (group != null && group.closed);
        }

        @Override
        public void cancel() {
            if (cancelled || taken) {
                return;
            }
            cancelled = true;
            if (group != null && !group.closed) {
                group.pending--;
                noteDead(1);
            } else if (group == null) {
                noteDead(1);
            }
        }
    }
}
