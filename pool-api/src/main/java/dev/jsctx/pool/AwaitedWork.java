package dev.jsctx.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
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

    private final Thread waiter;
    private final CompletableFuture<T> future;
    private T value;
    private RuntimeException error;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

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
     * {@link CompletableFuture#join()}); an interrupt is kept and re-asserted on return.
     */
    final T await() {
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
            throw error;
        }
        return value;
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
            LockSupport.unpark(waiter);
        } else if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(value);
        }
    }
}
