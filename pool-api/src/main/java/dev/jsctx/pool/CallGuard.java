package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The meeting point of one runtime thread and the {@link Watchdog}: the runtime thread publishes what engine
 * code it is running and until when; the watchdog interrupts it once past that deadline.
 *
 * <p>The state word holds a run number and a phase, so the watchdog can never interrupt a later run by
 * mistake, and the runtime thread learns for sure whether its run was interrupted. The hot path costs two
 * plain writes, two release writes and one uncontended CAS; nothing is allocated.
 */
final class CallGuard {
    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long INTERRUPTING = 2;
    private static final long INTERRUPTED = 3;
    private static final long PHASE = 3;
    private static final System.Logger LOG = System.getLogger(CallGuard.class.getName());
    /** How long {@link #end} spins for the watchdog to leave an interrupt before it parks. */
    private static final long SPIN_NANOS = 20_000;
    /** The longest park there; the watchdog unparks it as soon as it is out, this only bounds the unexpected. */
    private static final long PARK_NANOS = 1_000_000;

    private final AtomicLong state = new AtomicLong();
    private final AtomicLong deadline = new AtomicLong();
    /** Written by the runtime thread before the state that publishes it. */
    private EngineContext target;
    /** The runtime thread, while it parks in {@link #end} for an interrupt to return; else null. */
    private volatile Thread waiter;

    private long runs;

    /**
     * Runtime thread: engine code for {@code context} starts and may run until {@code deadlineNanos}.
     *
     * @return the token to pass to {@link #end}
     */
    long begin(EngineContext context, long deadlineNanos) {
        long token = (++runs << 2) | RUNNING;
        target = context;
        deadline.lazySet(deadlineNanos);
        state.lazySet(token); // release: the watchdog sees the target and deadline with it, a poll later at worst
        return token;
    }

    /**
     * Runtime thread: the engine code returned.
     *
     * @return whether the watchdog interrupted it
     */
    boolean end(long token) {
        long idle = token & ~PHASE;
        if (state.compareAndSet(token, idle)) {
            target = null;
            return false;
        }
        awaitInterruptReturned();
        state.set(idle);
        target = null;
        return true;
    }

    /**
     * Runtime thread: the engine code stopped, but the watchdog may still be inside {@link EngineContext#interrupt()}
     * (GraalJS waits there until the thread has left the context). Spins briefly, then parks until the watchdog is
     * out: a spinning runtime thread would take the CPU the watchdog needs to get out, on a busy machine.
     */
    private void awaitInterruptReturned() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while ((state.get() & PHASE) == INTERRUPTING) {
            if (System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
                continue;
            }
            waiter = Thread.currentThread();
            if ((state.get() & PHASE) == INTERRUPTING) { // after announcing: the watchdog sees the waiter or we its end
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        waiter = null;
    }

    /**
     * Watchdog: interrupts the running engine code if it is past its deadline (or at once with {@code force}).
     *
     * @return the deadline of the run still going, or {@link Long#MAX_VALUE} if none is to be watched
     */
    long interruptIfOverdue(long nowNanos, boolean force) {
        long seen = state.get();
        long phase = seen & PHASE;
        if (phase != RUNNING && phase != INTERRUPTED) {
            return Long.MAX_VALUE;
        }
        long due = deadline.get();
        if (!force && nowNanos - due < 0) {
            return due;
        }
        long run = seen & ~PHASE;
        if (state.compareAndSet(seen, run | INTERRUPTING)) {
            try {
                target.interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "The engine failed to interrupt a call", e);
            } finally {
                state.set(run | INTERRUPTED);
                Thread parked = waiter;
                if (parked != null) {
                    LockSupport.unpark(parked);
                }
            }
        }
        return Long.MAX_VALUE;
    }
}
