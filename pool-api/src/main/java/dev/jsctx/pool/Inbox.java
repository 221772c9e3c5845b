package dev.jsctx.pool;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The work queue of one runtime thread: many producers, one consumer. Producers push with one CAS; the consumer
 * takes everything in one swap, so a busy thread pays one atomic operation per batch, not per item.
 */
final class Inbox {
    private final AtomicReference<Work> head = new AtomicReference<>();

    /**
     * Adds work; safe from any thread.
     *
     * @return whether the inbox was empty before, so only that producer needs to wake the consumer
     */
    boolean push(Work work) {
        Work current;
        do {
            current = head.get();
            work.next = current;
        } while (!head.compareAndSet(current, work));
        return current == null;
    }

    boolean isEmpty() {
        return head.get() == null;
    }

    /**
     * Takes all the work queued so far.
     *
     * @return the oldest item, linked through {@link Work#next} in the order it was pushed, or null
     */
    Work drain() {
        Work newestFirst = head.getAndSet(null);
        Work oldestFirst = null;
        while (newestFirst != null) {
            Work following = newestFirst.next;
            newestFirst.next = oldestFirst;
            oldestFirst = newestFirst;
            newestFirst = following;
        }
        return oldestFirst;
    }
}
