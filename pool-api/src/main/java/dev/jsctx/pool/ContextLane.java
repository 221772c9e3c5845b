package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineContext;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;

/**
 * A context's side on its runtime thread: its engine context, the calls waiting their turn, and the call
 * awaiting a Promise. Runs the context's calls one at a time in arrival order: a call starts only when the
 * previous one has its result, Promise included. Made by whichever thread opens the context, then confined to the
 * runtime thread, which sees it first through the inbox.
 */
final class ContextLane {
    private final PooledContext context;
    private final RuntimeThread thread;
    private final Blueprint blueprint;
    private final long timeoutNanos;
    /** The opener's host functions at work, or null for a context without them. */
    private final HostCalls hostCalls;
    /** The context's memory limit, or 0 for none. */
    private final long memoryLimitBytes;

    private HostedContext hosted;
    /** Calls that arrived while another was in flight; made on first need, most contexts never queue. */
    private ArrayDeque<Call> backlog;
    /** The call whose Promise has not settled yet, or null. */
    private Call inFlight;

    private boolean released;

    ContextLane(PooledContext context, RuntimeThread thread, Blueprint blueprint, HostedContext hosted) {
        this.context = context;
        this.thread = thread;
        this.blueprint = blueprint;
        this.hosted = hosted;
        this.timeoutNanos = blueprint.timeoutNanos();
        this.hostCalls = blueprint.host() == null ? null : new HostCalls(this, thread, blueprint.host());
        this.memoryLimitBytes = blueprint.shape().memoryLimitBytes();
    }

    PooledContext context() {
        return context;
    }

    HostCalls hostCalls() {
        return hostCalls;
    }

    /**
     * Runtime thread: a message from {@link JsContext#send} has its turn; dropped once the context is closed.
     */
    void deliverMessage(JsonValue message) {
        if (released || !context.isOpen()) {
            return;
        }
        HostedContext target = hosted;
        target.runGuarded("a message", () -> target.engineContext().deliverMessage(message));
    }

    String label() {
        return context.label();
    }

    /**
     * Runtime thread, first thing: the lane starts serving its context with its engine context (a spare handed
     * over by another thread, or one made or taken here).
     */
    void start() {
        thread.register(this);
        hosted.serve(this, blueprint);
    }

    boolean isOnItsThread() {
        return thread.isCurrentThread();
    }

    /**
     * A call arrived from the inbox: run it now, or after the ones before it.
     */
    void accept(Call call) {
        if (inFlight != null || (backlog != null && !backlog.isEmpty())) {
            if (backlog == null) {
                backlog = new ArrayDeque<>();
            }
            backlog.add(call);
            return;
        }
        start(call);
    }

    /**
     * Runs waiting calls now that the one in flight has its result.
     */
    void resume() {
        while (inFlight == null && backlog != null && !backlog.isEmpty()) {
            start(backlog.poll());
        }
    }

    private void start(Call call) {
        context.dequeued();
        if (released || !context.isOpen() || thread.pool().isClosed()) {
            call.failWith(context.closedError());
            return;
        }
        switch (call.kind) {
            case CALL, EVAL -> run(call);
            case RESET -> reset(call);
            case MEMORY -> measure(call);
        }
    }

    private void run(Call call) {
        EngineContext engineContext = hosted.engineContext();
        call.deadlineNanos = System.nanoTime() + timeoutNanos;
        call.running = true;
        RuntimeException thrown = null;
        MemoryGuard.Slot memory =
                memoryLimitBytes > 0 ? thread.pool().memoryGuard().slot(thread.index()) : null;
        long memoryToken = memory != null ? memory.begin(engineContext, memoryLimitBytes) : 0;
        long token = thread.guard().begin(engineContext, call.deadlineNanos);
        try {
            if (call.kind == Call.Kind.CALL) {
                engineContext.call(call.target, call.args, call);
            } else {
                engineContext.eval(call.target, call);
            }
        } catch (RuntimeException | StackOverflowError e) {
            thrown = EngineErrors.asPoolError(e, "a call on '" + label() + "'");
        }
        boolean interrupted = thread.guard().end(token);
        long overLimitBytes = memory != null ? memory.end(memoryToken) : -1;
        call.running = false;
        if (overLimitBytes >= 0) {
            finish(call, null, new MemoryLimitExceededException(label(), memoryLimitBytes, overLimitBytes));
        } else if (interrupted) {
            finish(call, null, interruptedError()); // whatever the engine threw or delivered after the interrupt
        } else if (call.delivered) {
            finish(call, call.deliveredValue, call.deliveredError);
        } else if (thrown != null) {
            finish(call, null, thrown);
        } else {
            inFlight = call; // a Promise that settles later; its time limit still holds
            call.expiry = thread.timers().schedule(call.deadlineNanos, () -> expire(call));
        }
    }

    /**
     * The engine delivered a call's outcome (see {@link Call#complete}): while running it, or later when a
     * Promise settled.
     */
    void delivered(Call call, JsonValue value, RuntimeException error) {
        thread.checkOwner("Completion");
        if (call.running) {
            if (!call.delivered) {
                call.delivered = true;
                call.deliveredValue = value;
                call.deliveredError = error;
            }
            return;
        }
        if (call != inFlight) {
            return; // already timed out or failed by close; the engine's late answer has no one to go to
        }
        inFlight = null;
        call.expiry.cancel();
        finish(call, value, error);
        thread.resumeLater(this); // not now: the engine may be on the stack (a timer task settling the Promise)
    }

    private void expire(Call call) {
        if (call != inFlight) {
            return;
        }
        inFlight = null;
        finish(call, null, new CallTimeoutException(label(), blueprint.timeout()));
        thread.resumeLater(this);
    }

    private void finish(Call call, JsonValue value, RuntimeException error) {
        RuntimeException failure =
                error == null ? null : EngineErrors.asPoolError(error, "a call on '" + label() + "'");
        CallObserver.CallOutcome outcome = failure == null
                ? CallObserver.CallOutcome.OK
                : failure instanceof CallTimeoutException
                        ? CallObserver.CallOutcome.TIMEOUT
                        : CallObserver.CallOutcome.ERROR;
        thread.stats().finished(outcome);
        context.observe(call, outcome);
        if (failure instanceof StatementBudgetExceededException || failure instanceof MemoryLimitExceededException) {
            context.closeBecause((ContextClosedException) failure); // before the caller wakes: it sees it closed
        }
        if (failure == null) {
            call.succeed(value);
        } else {
            call.failWith(failure);
        }
    }

    private RuntimeException interruptedError() {
        if (thread.pool().isClosed()) {
            return new PoolClosedException("The pool closed while a call on '" + label() + "' ran; it was interrupted");
        }
        return new CallTimeoutException(label(), blueprint.timeout());
    }

    private void reset(Call call) {
        HostedContext fresh;
        try {
            fresh = thread.obtain(blueprint);
        } catch (RuntimeException e) {
            call.failWith(EngineErrors.asPoolError(e, "to reset '" + label() + "'"));
            return;
        }
        HostedContext old = hosted;
        hosted = fresh;
        old.close();
        fresh.serve(this, blueprint);
        call.succeed(null);
    }

    private void measure(Call call) {
        try {
            call.succeed(hosted.engineContext().memoryBytes());
        } catch (RuntimeException e) {
            call.failWith(EngineErrors.asPoolError(e, "to measure '" + label() + "'"));
        }
    }

    /**
     * The context is closed: fails what waits, releases the engine context (its timers never run). Idempotent.
     */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (inFlight != null) {
            Call pending = inFlight;
            inFlight = null;
            pending.expiry.cancel();
            finish(pending, null, context.closedError());
        }
        if (backlog != null) {
            for (Call waiting : backlog) {
                waiting.failWith(context.closedError());
            }
            backlog = null;
        }
        if (hostCalls != null) {
            hostCalls.close();
        }
        hosted.close();
        thread.unregister(this);
    }
}
