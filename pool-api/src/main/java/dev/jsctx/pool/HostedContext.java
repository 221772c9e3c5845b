package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;

/**
 * One engine context together with the services the pool gives it: a live context's engine state, or a spare
 * waiting for a context to serve. Confined to its runtime thread: another thread may only pass a spare along to
 * the context it opens (see {@link SpareShelves#take}), never use it. Once closed, its timers never run.
 */
final class HostedContext implements ContextHost {
    private static final System.Logger SCRIPT_LOGGER = System.getLogger(SCRIPT_LOGGER_NAME);
    private static final System.Logger LOG = System.getLogger(HostedContext.class.getName());

    private final RuntimeThread thread;
    private final TimerQueue.Group timers;
    private EngineContext engineContext;
    /** The context served, or null for a spare. */
    private ContextLane lane;

    private String label;
    private long timeoutNanos;
    private ContextClosedException death;
    private boolean closed;

    private HostedContext(RuntimeThread thread, Blueprint blueprint) {
        this.thread = thread;
        this.timers = thread.timers().newGroup(this);
        this.label = blueprint.label();
        this.timeoutNanos = blueprint.timeoutNanos();
    }

    /**
     * Creates an engine context on the current (runtime) thread and loads its scripts.
     *
     * @throws RuntimeException what the engine threw, typically a {@link JsException}
     */
    static HostedContext create(RuntimeThread thread, Blueprint blueprint) {
        HostedContext hosted = new HostedContext(thread, blueprint);
        try {
            hosted.engineContext =
                    thread.engineRuntime().createContext(blueprint.shape(), blueprint.prepared(), hosted);
        } catch (RuntimeException | StackOverflowError e) {
            hosted.closed = true;
            hosted.timers.close(); // timers a half-loaded script set must never run
            throw EngineErrors.asPoolError(e, "to create a context of '" + blueprint.label() + "'");
        }
        return hosted;
    }

    /**
     * From now on this engine context serves {@code lane}, with its label and time limit.
     */
    void serve(ContextLane lane, Blueprint blueprint) {
        this.lane = lane;
        this.label = blueprint.label();
        this.timeoutNanos = blueprint.timeoutNanos();
        if (death != null) {
            lane.context().closeBecause(death); // a spare that died on its shelf
        }
    }

    /** @return the context served, or null for a spare */
    ContextLane lane() {
        return lane;
    }

    EngineContext engineContext() {
        return engineContext;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * Closes the engine context; its timers will never run. Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.close();
        try {
            engineContext.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The engine failed to close a context of '" + label + "'", e);
        }
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        thread.checkOwner("ContextHost.schedule");
        return timers.schedule(delayMillis, task);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public System.Logger scriptLogger() {
        return SCRIPT_LOGGER;
    }

    @Override
    public void died(ContextClosedException reason) {
        thread.checkOwner("ContextHost.died");
        if (death != null || closed) {
            return;
        }
        death = reason;
        timers.close();
        if (lane != null) {
            lane.context().closeBecause(reason);
        }
    }

    @Override
    public BrowserLimits browserLimits() {
        return thread.pool().config().browserLimits();
    }
}
