package dev.jsctx.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Work whose result someone waits for: a blocking caller parked on this object, or a future for the
 * asynchronous forms. Settled at most once, from whichever thread gets there first.
 *
 * @param <T> the result type
 */
abstract class AwaitedWork<T> extends Work {
    private static final int PENDING = 0;
    private static final int SETTLING = 1;
    private static final int SETTLED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AwaitedWork.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How long a blocking caller spins before it parks. A call to an idle runtime thread usually settles
     * within it, and waking a parked virtual thread costs more than the whole call (10-15 us on 2 cores).
     */
    private static final long SPIN_NANOS = 5_000;
    /**
     * At most this many callers spin at once: a spinning virtual thread holds a carrier, so under load, when
     * calls queue up anyway, spinning would only take CPU from the runtime threads.
     */
    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 4);

    private static final AtomicInteger SPINNERS = new AtomicInteger();

    private final Thread waiter;
    private final CompletableFuture<T> future;
    private T value;
    private RuntimeException error;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Set by the waiter before it parks, so a settle that comes while it spins needs no unpark. */
    private volatile boolean waiterParked;

    /**
     * @param async true for the asynchronous form (a future), false when the creating thread will {@link #await()}
     */
    AwaitedWork(boolean async) {
        this.future = async ? new CompletableFuture<>() : null;
        this.waiter = async ? null : Thread.currentThread();
    }

    /**
     * @return whether this call settled it; false if it was already settled
     */
    final boolean succeed(T result) {
        if (!claim()) {
            return false;
        }
        value = result;
        publish();
        return true;
    }

    /**
     * @return whether this call settled it; false if it was already settled
     */
    final boolean failWith(RuntimeException failure) {
        if (!claim()) {
            return false;
        }
        error = failure;
        publish();
        return true;
    }

    final boolean isSettled() {
        return (int) STATE.getVolatile(this) == SETTLED;
    }

    /**
     * Parks the creating thread until settled. The wait is not interruptible (like
     * {@link CompletableFuture#join()}); an interrupt is kept and re-asserted on return. A failure is thrown as
     * a copy made here, with the caller's stack ({@link CallerStack}).
     */
    final T await() {
        spinBriefly();
        waiterParked = true;
        boolean interrupted = false;
        while ((int) STATE.getVolatile(this) != SETTLED) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (error != null) {
            throw CallerStack.inCaller(error);
        }
        return value;
    }

    private void spinBriefly() {
        if (SPINNERS.get() >= MAX_SPINNERS) {
            return;
        }
        SPINNERS.incrementAndGet();
        try {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while ((int) STATE.getVolatile(this) != SETTLED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            SPINNERS.decrementAndGet();
        }
    }

    /**
     * @return the future of the asynchronous form
     */
    final CompletableFuture<T> future() {
        return future;
    }

    private boolean claim() {
        return STATE.compareAndSet(this, PENDING, SETTLING);
    }

    private void publish() {
        STATE.setVolatile(this, SETTLED);
        if (future == null) {
            if (waiterParked) {
                LockSupport.unpark(waiter);
            }
        } else if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(value);
        }
    }
}
