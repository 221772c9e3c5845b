package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.PreparedScripts;

/**
 * One engine context together with the services the pool gives it: a live context's engine state, or a spare
 * waiting to be adopted. Confined to its runtime thread: another thread may only pass a spare along to the context
 * it opens (see {@link SpareShelves#take}), never use it. Once closed, its timers never run.
 */
final class HostedContext implements ContextHost {
    private static final System.Logger SCRIPT_LOGGER = System.getLogger(SCRIPT_LOGGER_NAME);
    private static final System.Logger LOG = System.getLogger(HostedContext.class.getName());
    private static final Cancellable ALREADY_CLOSED = () -> {};

    private final RuntimeThread thread;
    private EngineContext engineContext;
    private String label;
    private long timeoutNanos;
    private boolean closed;
    private int pendingTimers;

    private HostedContext(RuntimeThread thread, String label, long timeoutNanos) {
        this.thread = thread;
        this.label = label;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Creates an engine context on the current (runtime) thread and loads its scripts.
     *
     * @throws RuntimeException what the engine threw, typically a {@link JsException}
     */
    static HostedContext create(RuntimeThread thread, ContextSpec spec, PreparedScripts prepared, long timeoutNanos) {
        HostedContext hosted = new HostedContext(thread, spec.label(), timeoutNanos);
        try {
            hosted.engineContext = thread.engineRuntime().createContext(spec, prepared, hosted);
        } catch (RuntimeException | StackOverflowError e) {
            hosted.closed = true; // timers a half-loaded script set must never run
            throw EngineErrors.asPoolError(e, "to create a context of '" + spec.label() + "'");
        }
        return hosted;
    }

    /**
     * Gives a spare (or a fresh context) to the context that now owns it.
     */
    void adopt(String newLabel, long newTimeoutNanos) {
        this.label = newLabel;
        this.timeoutNanos = newTimeoutNanos;
    }

    EngineContext engineContext() {
        return engineContext;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    boolean isClosed() {
        return closed;
    }

    void timerGone() {
        pendingTimers--;
    }

    /**
     * Closes the engine context; its timers will never run. Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.timers().noteDead(pendingTimers);
        pendingTimers = 0;
        try {
            engineContext.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The engine failed to close a context of '" + label + "'", e);
        }
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        thread.checkOwner("ContextHost.schedule");
        if (closed) {
            return ALREADY_CLOSED;
        }
        pendingTimers++;
        return thread.timers().schedule(this, TimerQueue.dueIn(delayMillis), task);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public System.Logger scriptLogger() {
        return SCRIPT_LOGGER;
    }
}
