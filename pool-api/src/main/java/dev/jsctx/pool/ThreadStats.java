package dev.jsctx.pool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one runtime thread, cheap to update on the hot path and summed by {@link ContextPool#stats()}.
 * Counters written only by the runtime thread use release stores ({@code lazySet}), not read-modify-write.
 */
final class ThreadStats {
    /** Contexts placed on the thread and not closed; also what placement compares. */
    private final AtomicInteger contexts = new AtomicInteger();

    private final LongAdder submitted = new LongAdder();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    /** Contexts of the thread hibernating now. */
    private final AtomicInteger hibernating = new AtomicInteger();

    private final AtomicLong hibernations = new AtomicLong();
    private final AtomicLong wakes = new AtomicLong();

    /** Any thread: a context was placed on the thread. */
    void contextPlaced() {
        contexts.incrementAndGet();
    }

    /** Any thread: a context placed on the thread closed, or its open failed. */
    void contextGone() {
        contexts.decrementAndGet();
    }

    int contexts() {
        return contexts.get();
    }

    /** Any thread: work was handed to the thread. */
    void submitted() {
        submitted.increment();
    }

    /** Runtime thread: it took up {@code count} items of work. */
    void taken(int count) {
        taken.lazySet(taken.get() + count);
    }

    /** Runtime thread: a call finished. */
    void finished(CallObserver.CallOutcome outcome) {
        calls.lazySet(calls.get() + 1);
        if (outcome != CallObserver.CallOutcome.OK) {
            failed.lazySet(failed.get() + 1);
            if (outcome == CallObserver.CallOutcome.TIMEOUT) {
                timedOut.lazySet(timedOut.get() + 1);
            }
        }
    }

    /** Runtime thread: a context hibernated. */
    void hibernated() {
        hibernating.lazySet(hibernating.get() + 1);
        hibernations.lazySet(hibernations.get() + 1);
    }

    /**
     * Runtime thread: a hibernating context stopped hibernating.
     *
     * @param woke whether it was restored (rather than closed or reset)
     */
    void leftHibernation(boolean woke) {
        hibernating.lazySet(hibernating.get() - 1);
        if (woke) {
            wakes.lazySet(wakes.get() + 1);
        }
    }

    int hibernating() {
        return hibernating.get();
    }

    long hibernations() {
        return hibernations.get();
    }

    long wakes() {
        return wakes.get();
    }

    int queueDepth() {
        return (int) Math.max(0, submitted.sum() - taken.get());
    }

    long calls() {
        return calls.get();
    }

    long failed() {
        return failed.get();
    }

    long timedOut() {
        return timedOut.get();
    }
}
