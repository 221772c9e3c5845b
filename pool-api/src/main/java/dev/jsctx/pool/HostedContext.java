package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.HostReply;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

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

    boolean isClosed() {
        return closed;
    }

    /** @return whether one of its timers ({@code setTimeout}, {@code setInterval}) is waiting to run */
    boolean hasPendingTimers() {
        return timers.hasPending();
    }

    /**
     * Runtime thread, outside any call: runs engine code of this context that is not a call (a host call's reply, a
     * message, a timer task) under the context's time limit, and for a live context its fair share and memory limit
     * too (see {@link ContextLane#runGuest}). Does nothing once closed; logs what escapes.
     *
     * @param what what runs, for the log
     */
    void runGuarded(String what, Runnable engineCode) {
        if (closed) {
            return;
        }
        if (lane != null) {
            lane.runGuest(this, what, engineCode);
            return;
        }
        CallGuard guard = thread.guard();
        long token = guard.begin(engineContext, System.nanoTime() + timeoutNanos);
        Throwable failure = null;
        try {
            engineCode.run();
        } catch (RuntimeException | StackOverflowError e) {
            failure = e;
        }
        if (guard.end(token)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "JavaScript of context '" + label + "' handling " + what
                            + " ran past its time limit and was interrupted");
        } else if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "Context '" + label + "' failed handling " + what, failure);
        }
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
    public JsonValue callHostSync(String function, JsonArray args) {
        thread.checkOwner("ContextHost.callHostSync");
        return hostCalls().callSync(function, args);
    }

    @Override
    public void callHost(String function, JsonArray args, HostReply reply) {
        thread.checkOwner("ContextHost.callHost");
        hostCalls().call(this, function, args, reply);
    }

    @Override
    public void sendToHost(JsonValue message) {
        thread.checkOwner("ContextHost.sendToHost");
        hostCalls().send(message);
    }

    /** The host functions of the context served; none while a spare's or a fresh context's scripts load. */
    private HostCalls hostCalls() {
        HostCalls calls = lane == null ? null : lane.hostCalls();
        if (calls == null) {
            throw new JsException(
                    "Error", "The host cannot be reached while the scripts of context '" + label + "' load", "");
        }
        return calls;
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
