package dev.jsctx.pool;

import dev.jsctx.pool.spi.PreparedScripts;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The ready-made contexts of one runtime thread: for each spec shape it has opened, up to
 * {@link PoolConfig#sparesPerSpec()} contexts, made while the thread is idle. Confined to the runtime thread.
 */
final class SpareShelves {
    private static final System.Logger LOG = System.getLogger(SpareShelves.class.getName());

    private final RuntimeThread thread;
    private final int perShape;
    private final Map<ShapeKey, Shelf> shelves = new HashMap<>();
    /** How many spares are missing over all shelves, so an idle thread finds nothing to do in O(1). */
    private int missing;
    private int ready;

    SpareShelves(RuntimeThread thread, int perShape) {
        this.thread = thread;
        this.perShape = perShape;
    }

    /**
     * @return a spare of that shape, or null
     */
    HostedContext take(ShapeKey shape) {
        Shelf shelf = shelves.get(shape);
        if (shelf == null || shelf.spares.isEmpty()) {
            return null;
        }
        missing++;
        ready--;
        return shelf.spares.poll();
    }

    /**
     * Starts keeping spares of a shape, if not already.
     */
    void keep(ShapeKey shape, ContextSpec spec, PreparedScripts prepared, long timeoutNanos) {
        if (perShape > 0 && !shelves.containsKey(shape)) {
            shelves.put(shape, new Shelf(spec, prepared, timeoutNanos));
            missing += perShape;
        }
    }

    /**
     * Makes one missing spare.
     *
     * @return whether there was one to make
     */
    boolean refillOne() {
        if (missing == 0) {
            return false;
        }
        for (Shelf shelf : shelves.values()) {
            if (!shelf.broken && shelf.spares.size() < perShape) {
                try {
                    shelf.spares.add(HostedContext.create(thread, shelf.spec, shelf.prepared, shelf.timeoutNanos));
                    missing--;
                    ready++;
                } catch (RuntimeException e) {
                    // The same scripts loaded fine before; do not retry in a loop, open() will report it.
                    LOG.log(System.Logger.Level.WARNING, "Could not make a spare context for '"
                            + shelf.spec.label() + "'; no more spares of that shape on this thread", e);
                    missing -= perShape - shelf.spares.size();
                    ready -= shelf.spares.size();
                    shelf.spares.forEach(HostedContext::close);
                    shelf.spares.clear();
                    shelf.broken = true;
                }
                return true;
            }
        }
        return false;
    }

    int ready() {
        return ready;
    }

    void closeAll() {
        for (Shelf shelf : shelves.values()) {
            shelf.spares.forEach(HostedContext::close);
            shelf.spares.clear();
        }
        shelves.clear();
        missing = 0;
        ready = 0;
    }

    private static final class Shelf {
        private final ArrayDeque<HostedContext> spares = new ArrayDeque<>();
        private final ContextSpec spec;
        private final PreparedScripts prepared;
        private final long timeoutNanos;
        private boolean broken;

        private Shelf(ContextSpec spec, PreparedScripts prepared, long timeoutNanos) {
            this.spec = spec;
            this.prepared = prepared;
            this.timeoutNanos = timeoutNanos;
        }
    }
}
