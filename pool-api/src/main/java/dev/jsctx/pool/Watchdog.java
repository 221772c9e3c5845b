package dev.jsctx.pool;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that interrupts engine code of one runtime thread once it runs past its deadline. Each runtime thread
 * has its own, so an engine whose {@code interrupt()} is slow or stuck delays only the time limits of that thread.
 * It reads what the runtime thread publishes in its {@link CallGuard} and adds nothing to a call's path: it polls at
 * an eighth of the smallest time limit in use (between 1 and 50 ms), and sooner when a running call's deadline comes
 * first. A run with a shorter limit than that (a context on {@link FairShare} probation) wakes it, so it sees that
 * deadline at once rather than up to a poll later. Nothing ends its loop but {@link #stop}: a failure of a round is logged (at most once per
 * {@link #FAILURE_LOG_INTERVAL}) and the next round goes on.
 */
final class Watchdog implements Runnable {
    private static final long MIN_POLL_NANOS = Duration.ofMillis(1).toNanos();
    private static final long MAX_POLL_NANOS = Duration.ofMillis(50).toNanos();
    /** How often a failing round may be logged, so that a round failing every millisecond does not flood the log. */
    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());

    private final CallGuard guard;
    private final Thread thread;
    private volatile long pollNanos;
    private volatile boolean closing;
    private volatile boolean stopped;
    /** When a failed round was last logged; only the watchdog's thread touches it. */
    private long failureLoggedNanos;

    private boolean failureLogged;

    /**
     * @param runtimeThreadName the name of the runtime thread watched, for this thread's name
     * @param guard             that runtime thread's guard
     * @param timeoutNanos      the smallest time limit in use yet
     */
    Watchdog(String runtimeThreadName, CallGuard guard, long timeoutNanos) {
        this.guard = guard;
        this.pollNanos = pollFor(timeoutNanos);
        this.thread = Thread.ofPlatform()
                .daemon()
                .name(runtimeThreadName.replace("runtime", "watchdog"))
                .unstarted(this);
    }

    void start() {
        thread.start();
    }

    /**
     * A context with this time limit was opened; poll often enough for it. Any thread.
     */
    synchronized void noteTimeout(long timeoutNanos) {
        long wanted = pollFor(timeoutNanos);
        if (wanted < pollNanos) {
            pollNanos = wanted;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runtime thread: a run with a deadline sooner than the polling allows for has begun (a context on probation);
     * the watchdog takes a round now and sees its deadline. Costs an unpark, paid only by such runs.
     */
    void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * The pool is closing: interrupt whatever runs from now on, without waiting for deadlines.
     */
    void interruptEverything() {
        closing = true;
        pollNanos = MIN_POLL_NANOS;
        LockSupport.unpark(thread);
    }

    /** Asks the thread to stop, without waiting for it. Any thread. */
    void requestStop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    /**
     * Stops the thread, waiting at most until {@code deadlineNanos}.
     */
    void stop(long deadlineNanos) throws InterruptedException {
        requestStop();
        thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
    }

    @Override
    public void run() {
        while (!stopped) {
            long next;
            try {
                next = watchOnce();
            } catch (Throwable e) {
                logFailure(e);
                next = System.nanoTime() + pollNanos;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /**
     * One round: interrupts the running engine code if it is overdue.
     *
     * @return when the next round is due
     */
    private long watchOnce() {
        long now = System.nanoTime();
        long next = now + pollNanos;
        long due = guard.interruptIfOverdue(now, closing);
        return due - next < 0 ? due : next;
    }

    private void logFailure(Throwable e) {
        long now = System.nanoTime();
        if (failureLogged && now - failureLoggedNanos < FAILURE_LOG_INTERVAL.toNanos()) {
            return;
        }
        failureLogged = true;
        failureLoggedNanos = now;
        LOG.log(
                System.Logger.Level.ERROR,
                "A round of " + thread.getName() + " failed; it goes on (logged at most once per "
                        + FAILURE_LOG_INTERVAL.toSeconds() + " s)",
                e);
    }

    private static long pollFor(long timeoutNanos) {
        return Math.max(MIN_POLL_NANOS, Math.min(MAX_POLL_NANOS, timeoutNanos / 8));
    }
}
