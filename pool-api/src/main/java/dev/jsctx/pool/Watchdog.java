package dev.jsctx.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread per pool that interrupts engine code running past its deadline. It reads what each runtime
 * thread publishes in its {@link CallGuard} and adds nothing to a call's path: it polls at an eighth of the
 * smallest time limit in use (between 1 and 50 ms), and sooner when a running call's deadline comes first.
 */
final class Watchdog implements Runnable {
    private static final long MIN_POLL_NANOS = Duration.ofMillis(1).toNanos();
    private static final long MAX_POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final List<CallGuard> guards;
    private final Thread thread;
    private volatile long pollNanos;
    private volatile boolean closing;
    private volatile boolean stopped;

    Watchdog(List<CallGuard> guards, Duration defaultTimeout) {
        this.guards = List.copyOf(guards);
        this.pollNanos = pollFor(defaultTimeout.toNanos());
        this.thread = Thread.ofPlatform().daemon().name("jsctx-watchdog").unstarted(this);
    }

    void start() {
        thread.start();
    }

    /**
     * A context with this time limit was opened; poll often enough for it.
     */
    synchronized void noteTimeout(long timeoutNanos) {
        long wanted = pollFor(timeoutNanos);
        if (wanted < pollNanos) {
            pollNanos = wanted;
            LockSupport.unpark(thread);
        }
    }

    /**
     * The pool is closing: interrupt whatever runs from now on, without waiting for deadlines.
     */
    void interruptEverything() {
        closing = true;
        pollNanos = MIN_POLL_NANOS;
        LockSupport.unpark(thread);
    }

    /**
     * Stops the thread, waiting at most until {@code deadlineNanos}.
     */
    void stop(long deadlineNanos) throws InterruptedException {
        stopped = true;
        LockSupport.unpark(thread);
        thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
    }

    @Override
    public void run() {
        while (!stopped) {
            long now = System.nanoTime();
            long next = now + pollNanos;
            boolean force = closing;
            for (CallGuard guard : guards) {
                long due = guard.interruptIfOverdue(now, force);
                if (due - next < 0) {
                    next = due;
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private static long pollFor(long timeoutNanos) {
        return Math.max(MIN_POLL_NANOS, Math.min(MAX_POLL_NANOS, timeoutNanos / 8));
    }
}
