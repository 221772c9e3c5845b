package dev.jsctx.pool;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The user's handle on one context: checks and bounds each request, hands it to the context's runtime thread,
 * and waits for it. What runs on the runtime thread is in {@link ContextLane}.
 */
final class PooledContext implements JsContext {
    private static final System.Logger LOG = System.getLogger(PooledContext.class.getName());

    /** Why a context closed. */
    private enum ClosedBy {
        USER,
        ENGINE,
        POOL,
        RUNTIME_THREAD_DIED
    }

    private final RuntimePool pool;
    private final RuntimeThread thread;
    private final ContextLane lane;
    private final String label;
    private final CallObserver observer;
    private final int maxQueued;
    private final boolean hostObject;
    /** Requests handed to the runtime thread and not started yet. */
    private final AtomicInteger queued = new AtomicInteger();

    private final AtomicReference<ClosedBy> closedBy = new AtomicReference<>();
    /** Why the engine context or its runtime thread died, when {@link ClosedBy#ENGINE} or a thread's death closed it. */
    private volatile ContextClosedException death;

    private List<Runnable> listeners; // guarded by this
    private boolean listenersRan; // guarded by this

    PooledContext(RuntimePool pool, RuntimeThread thread, Blueprint blueprint, HostedContext hosted) {
        this.pool = pool;
        this.thread = thread;
        this.label = blueprint.label();
        this.observer = pool.config().callObserver();
        this.maxQueued = pool.config().maxQueuedCallsPerContext();
        this.hostObject = blueprint.shape().hostObject();
        this.lane = new ContextLane(this, thread, blueprint, hosted);
    }

    ContextLane lane() {
        return lane;
    }

    @Override
    public JsonValue call(String function, JsonValue... args) {
        return (JsonValue) await(newCall(Call.Kind.CALL, Objects.requireNonNull(function, "function"), args, false));
    }

    @Override
    public CompletionStage<JsonValue> callAsync(String function, JsonValue... args) {
        return stage(newCall(Call.Kind.CALL, Objects.requireNonNull(function, "function"), args, true));
    }

    @Override
    public JsonValue eval(String source) {
        return (JsonValue) await(newCall(Call.Kind.EVAL, Objects.requireNonNull(source, "source"), null, false));
    }

    @Override
    public CompletionStage<JsonValue> evalAsync(String source) {
        return stage(newCall(Call.Kind.EVAL, Objects.requireNonNull(source, "source"), null, true));
    }

    @Override
    public void reset() {
        await(newCall(Call.Kind.RESET, null, null, false));
    }

    @Override
    public CompletionStage<Void> resetAsync() {
        return stage(newCall(Call.Kind.RESET, null, null, true));
    }

    @Override
    public long memoryBytes() {
        return (Long) await(newCall(Call.Kind.MEMORY, null, null, false));
    }

    @Override
    public CompletionStage<Long> memoryBytesAsync() {
        return stage(newCall(Call.Kind.MEMORY, null, null, true));
    }

    @Override
    public void send(JsonValue message) {
        Objects.requireNonNull(message, "message");
        if (hostObject && closedBy.get() == null && !pool.isClosed()) {
            thread.submit(new HostMessage(lane, message));
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int threadIndex() {
        return thread.index();
    }

    @Override
    public boolean isOpen() {
        return closedBy.get() == null;
    }

    @Override
    public void onClose(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (!listenersRan) {
                if (listeners == null) {
                    listeners = new ArrayList<>(2);
                }
                listeners.add(listener);
                return;
            }
        }
        runListener(listener);
    }

    @Override
    public void close() {
        if (markClosed(ClosedBy.USER)) {
            thread.submit(Work.chore(lane::release));
        }
    }

    /**
     * Runtime thread: the engine context died (a call ran out of its statement budget, or the engine reported it),
     * or the context took more than its {@link FairShare}.
     */
    void closeBecause(ContextClosedException reason) {
        death = reason;
        if (markClosed(ClosedBy.ENGINE)) {
            thread.submit(Work.chore(lane::release)); // not now: the engine may still be on the stack
        }
    }

    /** Runtime thread, while it shuts down: the pool closes, or the thread died (see {@link RuntimeThread#death}). */
    void closeWithItsThread() {
        ContextClosedException threadDeath = thread.death();
        if (threadDeath == null) {
            markClosed(ClosedBy.POOL);
        } else {
            death = threadDeath;
            markClosed(ClosedBy.RUNTIME_THREAD_DIED);
        }
        lane.release();
    }

    /** Any thread: the pool closed, and this context's runtime thread did not stop to release it. */
    void markClosedWithPool() {
        markClosed(ClosedBy.POOL);
    }

    /** Runtime thread: a queued request started (or was dropped). */
    void dequeued() {
        queued.decrementAndGet();
    }

    /** Any thread: whether a request was handed to the runtime thread and has not started yet. */
    boolean hasQueued() {
        return queued.get() > 0;
    }

    RuntimeException closedError() {
        ClosedBy by = closedBy.get();
        if (by == ClosedBy.POOL || (by == null && pool.isClosed())) {
            return new PoolClosedException("Context '" + label + "' was closed with its pool");
        }
        if (by == ClosedBy.ENGINE && death instanceof CpuShareExceededException) {
            return new CpuShareExceededException(death.getMessage());
        }
        if (by == ClosedBy.ENGINE && death instanceof RestoreFailedException) {
            return new RestoreFailedException(death.getMessage());
        }
        if (by == ClosedBy.ENGINE) {
            return new ContextClosedException(
                    "Context '" + label + "' was closed by its engine (" + death.getMessage() + "); open a new one");
        }
        if (by == ClosedBy.RUNTIME_THREAD_DIED) {
            return new ContextClosedException(
                    "Context '" + label + "' was closed: its " + death.getMessage() + "; open a new one");
        }
        return new ContextClosedException("Context '" + label + "' is closed");
    }

    /** Runtime thread: a call finished; tells the observer, which must not break the runtime thread. */
    void observe(Call call, CallObserver.CallOutcome outcome) {
        if (call.madeNanos == 0) {
            return;
        }
        try {
            observer.callFinished(label, System.nanoTime() - call.madeNanos, outcome);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The CallObserver failed; ignored", e);
        }
    }

    private Call newCall(Call.Kind kind, String target, JsonValue[] args, boolean async) {
        return new Call(lane, kind, target, argList(args), observer != CallObserver.NONE, async);
    }

    private Object await(Call call) {
        if (thread.isCurrentThread()) {
            throw new IllegalStateException("A blocking request on context '" + label + "' from its own runtime "
                    + "thread would wait forever; use callAsync/evalAsync in code that runs there (such as a stage "
                    + "the pool completes)");
        }
        submit(call);
        return call.await();
    }

    /** The call's stage, typed by its kind: JsonValue for CALL and EVAL, Void for RESET, Long for MEMORY. */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> stage(Call call) {
        try {
            submit(call);
        } catch (JsContextException e) {
            return CompletableFuture.failedFuture(e);
        }
        return (CompletionStage<T>) (CompletionStage<?>) call.future();
    }

    private void submit(Call call) {
        if (closedBy.get() != null || pool.isClosed()) {
            throw closedError();
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            throw new CallQueueFullException(label, maxQueued);
        }
        thread.submit(call);
    }

    private boolean markClosed(ClosedBy by) {
        if (!closedBy.compareAndSet(null, by)) {
            return false;
        }
        pool.contextClosed(thread);
        List<Runnable> toRun;
        synchronized (this) {
            listenersRan = true;
            toRun = listeners;
            listeners = null;
        }
        if (toRun != null) {
            toRun.forEach(this::runListener);
        }
        return true;
    }

    private void runListener(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "An onClose listener of context '" + label + "' failed; ignored", e);
        }
    }

    private static List<JsonValue> argList(JsonValue[] args) {
        if (args == null || args.length == 0) {
            return List.of();
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new NullPointerException("Argument " + i + " is null; pass JsonValue.NULL for JavaScript null");
            }
        }
        return List.of(args);
    }
}
