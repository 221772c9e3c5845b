package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextShape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The ready-made contexts of one runtime thread: for each spec shape it has opened, up to
 * {@link PoolConfig#sparesPerSpec()} contexts, made while the thread is idle. Only the runtime thread makes,
 * closes and starts keeping spares; any thread may {@link #take} one, so an open with a spare ready does not wait
 * for the runtime thread. A spare's engine context is only ever used and closed on its runtime thread: a taker
 * hands it over through the thread's inbox, and {@link #closeAll} waits for hand-overs in progress, so a spare is
 * either closed here or handed over, never both and never neither.
 */
final class SpareShelves {
    private static final System.Logger LOG = System.getLogger(SpareShelves.class.getName());
    /** Set in {@link #takers} once the shelves are closed: no take starts after that. */
    private static final int CLOSED = 1 << 30;

    private final RuntimeThread thread;
    private final int perShape;
    private final Map<ContextShape, Shelf> shelves = new ConcurrentHashMap<>();
    /** How many spares are missing over all shelves, so an idle thread finds nothing to do in O(1). */
    private final AtomicInteger missing = new AtomicInteger();

    private final AtomicInteger ready = new AtomicInteger();
    /** Takes in progress, plus {@link #CLOSED}. */
    private final AtomicInteger takers = new AtomicInteger();

    SpareShelves(RuntimeThread thread, int perShape) {
        this.thread = thread;
        this.perShape = perShape;
    }

    /**
     * Takes a spare of that shape, if one is ready, and hands it over; any thread.
     *
     * @param handOver gives the spare to its new owner: on the runtime thread directly, from any other thread by
     *                 submitting work to the runtime thread (before it returns, so the shelves' close sees it)
     * @return what {@code handOver} returned, or null when no spare of that shape is ready
     */
    <T> T take(ContextShape shape, Function<HostedContext, T> handOver) {
        Shelf shelf = shelves.get(shape);
        if (shelf == null || shelf.count.get() == 0 || !enter()) {
            return null;
        }
        try {
            HostedContext spare = shelf.spares.poll();
            if (spare == null) {
                return null;
            }
            shelf.count.decrementAndGet();
            ready.decrementAndGet();
            missing.incrementAndGet();
            return handOver.apply(spare);
        } finally {
            takers.decrementAndGet();
        }
    }

    /**
     * Runtime thread: starts keeping spares of a shape, if not already.
     */
    void keep(Blueprint blueprint) {
        if (perShape > 0 && !shelves.containsKey(blueprint.shape())) {
            // without the opener's host functions: a spare gets those of the context it serves, and a shelf that
            // kept them would keep whatever they reach (a closed page and its last context) as long as the pool
            shelves.put(blueprint.shape(), new Shelf(blueprint.withoutHost()));
            missing.addAndGet(perShape);
        }
    }

    /**
     * Runtime thread: makes one missing spare.
     *
     * @return whether there was one to make
     */
    boolean refillOne() {
        if (missing.get() == 0) {
            return false;
        }
        for (Shelf shelf : shelves.values()) {
            if (!shelf.broken && shelf.count.get() < perShape) {
                try {
                    HostedContext spare = HostedContext.create(thread, shelf.blueprint);
                    missing.decrementAndGet();
                    shelf.spares.add(spare);
                    shelf.count.incrementAndGet();
                    ready.incrementAndGet();
                } catch (RuntimeException e) {
                    // The same scripts loaded fine before; do not retry in a loop, open() will report it.
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Could not make a spare context for '" + shelf.blueprint.label()
                                    + "'; no more spares of that shape on this thread",
                            e);
                    shelf.broken = true;
                    missing.addAndGet(-(perShape - shelf.count.get()));
                    closeSpares(shelf);
                }
                return true;
            }
        }
        return false;
    }

    /** Runtime thread: whether a spare is missing (possibly on a shelf that cannot make one). */
    boolean hasMissing() {
        return missing.get() > 0;
    }

    /** Any thread: how many spares are ready now. */
    int ready() {
        return ready.get();
    }

    /**
     * Runtime thread: closes every spare; no take starts after this, and those in progress have handed their
     * spare over (into the inbox) when it returns.
     */
    void closeAll() {
        int current;
        do {
            current = takers.get();
        } while (current < CLOSED && !takers.compareAndSet(current, current | CLOSED));
        while (takers.get() != CLOSED) {
            Thread.yield(); // a take is a few field writes and one submit; only a descheduled taker takes long
        }
        shelves.values().forEach(this::closeSpares);
        shelves.clear();
        missing.set(0);
    }

    private boolean enter() {
        int current;
        do {
            current = takers.get();
            if (current >= CLOSED) {
                return false;
            }
        } while (!takers.compareAndSet(current, current + 1));
        return true;
    }

    /** Runtime thread: closes the spares on one shelf; takers may poll concurrently, each spare goes one way. */
    private void closeSpares(Shelf shelf) {
        HostedContext spare;
        while ((spare = shelf.spares.poll()) != null) {
            shelf.count.decrementAndGet();
            ready.decrementAndGet();
            spare.close();
        }
    }

    private static final class Shelf {
        private final ConcurrentLinkedQueue<HostedContext> spares = new ConcurrentLinkedQueue<>();
        /** The spares' number; a queue's size() is not constant time. */
        private final AtomicInteger count = new AtomicInteger();

        /** What the spares are made from: the first context of the shape opened on the thread, less its host. */
        private final Blueprint blueprint;

        private boolean broken; // runtime thread only

        private Shelf(Blueprint blueprint) {
            this.blueprint = blueprint;
        }
    }
}
