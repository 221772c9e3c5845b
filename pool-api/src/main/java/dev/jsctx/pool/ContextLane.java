package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineContext;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * A context's side on its runtime thread: its engine context, the calls waiting their turn, the call awaiting a
 * Promise, and its {@link CpuAccount}. Runs the context's calls one at a time in arrival order: a call starts only
 * when the previous one has its result, Promise included, and not while the context is deferred for its
 * {@link FairShare} (its calls wait here meanwhile, and other contexts' calls pass them). Made by whichever thread
 * opens the context, then confined to the runtime thread, which sees it first through the inbox.
 */
final class ContextLane {
    /** How often a time-out of engine code other than a call (a timer task, a message) may be logged per context. */
    static final Duration TIMEOUT_LOG_INTERVAL = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(ContextLane.class.getName());

    private final PooledContext context;
    private final RuntimeThread thread;
    private final Blueprint blueprint;
    private final long timeoutNanos;
    /** The opener's host functions at work, or null for a context without them. */
    private final HostCalls hostCalls;
    /** The context's memory limit, or 0 for none. */
    private final long memoryLimitBytes;

    private final CpuAccount account;
    /** Saves and restores the context when idle; null for a context that never hibernates. */
    private final Hibernation hibernation;

    private HostedContext hosted;
    /** Resumes the backlog once the context is no longer deferred; null when none is scheduled. */
    private TimerQueue.Timer wake;
    /** Calls that arrived while another was in flight; made on first need, most contexts never queue. */
    private ArrayDeque<Call> backlog;
    /** The call whose Promise has not settled yet, or null. */
    private Call inFlight;

    private boolean released;

    // The rate limit of the line for engine code other than calls running into its time limit (see logTimeout).
    private boolean timeoutLogged;
    private long timeoutLoggedNanos;
    private int timeoutsUnlogged;

    ContextLane(PooledContext context, RuntimeThread thread, Blueprint blueprint, HostedContext hosted) {
        this.context = context;
        this.thread = thread;
        this.blueprint = blueprint;
        this.hosted = hosted;
        this.timeoutNanos = blueprint.timeoutNanos();
        this.hostCalls = blueprint.host() == null ? null : new HostCalls(this, thread, blueprint.host());
        this.memoryLimitBytes = blueprint.shape().memoryLimitBytes();
        this.account = new CpuAccount(blueprint.fairShare());
        this.hibernation = blueprint.hibernateAfter() == null ? null : new Hibernation(this, thread, blueprint);
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
        RestoreFailedException failed = awake();
        if (failed != null) {
            LOG.log(System.Logger.Level.WARNING, failed.getMessage() + " (a message to it was dropped)");
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
        if (hibernation != null) {
            hibernation.touch();
        }
    }

    /** Runtime thread: the engine context serving now, or null while the context hibernates. */
    HostedContext hosted() {
        return hosted;
    }

    /**
     * Runtime thread, for {@link Hibernation}: from now on this engine context serves the context, or none (null)
     * while it hibernates.
     */
    void serveWith(HostedContext engineContext) {
        hosted = engineContext;
        if (engineContext != null) {
            engineContext.serve(this, blueprint);
        }
    }

    /**
     * Runtime thread: nothing of the context is under way or waiting (a call, a timer, a host call, a deferred
     * backlog), so it may hibernate.
     */
    boolean isQuiet() {
        return !released
                && context.isOpen()
                && hosted != null
                && inFlight == null
                && (backlog == null || backlog.isEmpty())
                && wake == null
                && !context.hasQueued()
                && !hosted.hasPendingTimers()
                && (hostCalls == null || !hostCalls.hasRunning());
    }

    /**
     * Runtime thread, before a call or message runs: a hibernating context is restored, and its idle time starts
     * again.
     *
     * @return null, or the exception the context was closed with because its restore failed
     */
    private RestoreFailedException awake() {
        if (hibernation == null) {
            return null;
        }
        RestoreFailedException failed = hibernation.wakeIfHibernating();
        if (failed == null) {
            hibernation.touch();
        }
        return failed;
    }

    boolean isOnItsThread() {
        return thread.isCurrentThread();
    }

    /**
     * A call arrived from the inbox: run it now, or after the ones before it.
     */
    void accept(Call call) {
        if (inFlight != null || (backlog != null && !backlog.isEmpty()) || isDeferred()) {
            if (backlog == null) {
                backlog = new ArrayDeque<>();
            }
            backlog.add(call);
            if (inFlight == null) {
                resume(); // deferred: schedules the wake-up
            }
            return;
        }
        start(call);
    }

    /**
     * Runs waiting calls now that the one in flight has its result, or the context is no longer deferred.
     */
    void resume() {
        while (inFlight == null && backlog != null && !backlog.isEmpty()) {
            long now = System.nanoTime();
            long until = account.deferredUntil(now);
            if (until != now) {
                if (wake == null) {
                    wake = thread.timers().schedule(until, this::wake);
                }
                return;
            }
            start(backlog.poll());
        }
    }

    private void wake() {
        wake = null;
        resume();
    }

    private boolean isDeferred() {
        long now = System.nanoTime();
        return account.deferredUntil(now) != now;
    }

    /**
     * Runtime thread: when this context may start its next run (a call or a timer task), {@code nowNanos} if now.
     */
    long deferredUntil(long nowNanos) {
        return account.deferredUntil(nowNanos);
    }

    /**
     * Runtime thread: a run of this context's engine code ended. When it has run into its time limit too often on
     * probation, closes the context.
     *
     * @return the exception the context was closed with, or null
     */
    CpuShareExceededException ran(long startNanos, long endNanos, boolean timedOut) {
        if (!account.ran(startNanos, endNanos, timedOut)) {
            return null;
        }
        FairShare fairShare = account.fairShare();
        CpuShareExceededException exceeded = new CpuShareExceededException("Context '" + label()
                + "' ran into its time limit " + account.timeouts() + " times on probation (it may use "
                + Math.round(fairShare.share() * 100) + " % of its runtime thread after a time-out); it was closed,"
                + " open a new one");
        context.closeBecause(exceeded);
        return exceeded;
    }

    private void start(Call call) {
        context.dequeued();
        if (released || !context.isOpen() || thread.pool().isClosed()) {
            call.failWith(context.closedError());
            return;
        }
        if (call.kind != Call.Kind.RESET) { // a reset starts afresh: a saved state has nothing to restore into
            RestoreFailedException failed = awake();
            if (failed != null) {
                call.failWith(failed);
                return;
            }
        }
        switch (call.kind) {
            case CALL, EVAL -> run(call);
            case RESET -> reset(call);
            case MEMORY -> measure(call);
        }
    }

    /**
     * Runtime thread: a run of this context's engine code (a call or a timer task) starting at {@code startNanos}
     * begins; its deadline is {@code runDeadline} (its fair share applied, see {@link CpuAccount#deadline}).
     *
     * @return the {@link CallGuard} token to end it with
     */
    private long beginRun(EngineContext engineContext, long startNanos, long runDeadline) {
        long token = thread.guard().begin(engineContext, runDeadline);
        if (runDeadline - startNanos < timeoutNanos) {
            thread.watchdog().wake(); // on probation: a shorter limit than the watchdog's polling allows for
        }
        return token;
    }

    /** @return the memory guard's slot for a run of this context, or null for a context without a memory limit */
    private MemoryGuard.Slot memorySlot() {
        return memoryLimitBytes > 0 ? thread.pool().memoryGuard().slot(thread.index()) : null;
    }

    /**
     * Runtime thread: runs engine code of this context that is not a call (a timer task, a message, a host call's
     * reply) under the same time limit, fair share and memory limit as its calls. Code over its time limit is logged
     * (at most once per {@link #TIMEOUT_LOG_INTERVAL} per context, so a spinning {@code setInterval} does not flood
     * the log); code over its memory limit closes the context.
     *
     * @param what what runs, for the log
     */
    void runGuest(HostedContext owner, String what, Runnable guestCode) {
        EngineContext engineContext = owner.engineContext();
        long start = System.nanoTime();
        long runDeadline = account.deadline(start, timeoutNanos);
        MemoryGuard.Slot memory = memorySlot();
        long memoryToken = memory != null ? memory.begin(engineContext, memoryLimitBytes) : 0;
        long token = beginRun(engineContext, start, runDeadline);
        Throwable failure = null;
        try {
            guestCode.run();
        } catch (RuntimeException | StackOverflowError e) {
            failure = e;
        }
        boolean interrupted = thread.guard().end(token);
        long overLimitBytes = memory != null ? memory.end(memoryToken) : -1;
        long end = System.nanoTime();
        if (overLimitBytes >= 0) {
            MemoryLimitExceededException over =
                    new MemoryLimitExceededException(label(), memoryLimitBytes, overLimitBytes);
            LOG.log(System.Logger.Level.WARNING, "Handling " + what + ": " + over.getMessage());
            context.closeBecause(over);
            return;
        }
        CpuShareExceededException exceeded = ran(start, end, interrupted);
        if (exceeded != null) {
            LOG.log(System.Logger.Level.WARNING, "Handling " + what + ": " + exceeded.getMessage());
            return;
        }
        if (interrupted) {
            logTimeout(what, Duration.ofNanos(runDeadline - start), Duration.ofNanos(end - start));
        } else if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "Context '" + label() + "' failed handling " + what, failure);
        }
    }

    private void logTimeout(String what, Duration limit, Duration elapsed) {
        timeoutsUnlogged++;
        long now = System.nanoTime();
        if (timeoutLogged && now - timeoutLoggedNanos < TIMEOUT_LOG_INTERVAL.toNanos()) {
            return;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                String.format(
                                Locale.ROOT,
                                "JavaScript of context '%s' handling %s ran past its time limit of %d ms and was"
                                        + " interrupted after %.1f ms",
                                label(),
                                what,
                                limit.toMillis(),
                                elapsed.toNanos() / 1e6)
                        + (timeoutsUnlogged > 1
                                ? " (" + timeoutsUnlogged + " such time-outs since the last line, logged at most"
                                        + " once per " + TIMEOUT_LOG_INTERVAL.toSeconds() + " s per context)"
                                : ""));
        timeoutLogged = true;
        timeoutLoggedNanos = now;
        timeoutsUnlogged = 0;
    }

    private void run(Call call) {
        EngineContext engineContext = hosted.engineContext();
        long start = System.nanoTime();
        call.deadlineNanos = start + timeoutNanos; // a Promise may take the whole limit: waiting takes no thread time
        long runDeadline = account.deadline(start, timeoutNanos);
        call.running = true;
        RuntimeException thrown = null;
        MemoryGuard.Slot memory = memorySlot();
        long memoryToken = memory != null ? memory.begin(engineContext, memoryLimitBytes) : 0;
        long token = beginRun(engineContext, start, runDeadline);
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
        long end = System.nanoTime();
        CpuShareExceededException exceeded = ran(start, end, interrupted);
        if (overLimitBytes >= 0) {
            finish(call, null, new MemoryLimitExceededException(label(), memoryLimitBytes, overLimitBytes));
        } else if (exceeded != null) {
            finish(call, null, exceeded);
        } else if (interrupted) {
            // whatever the engine threw or delivered after the interrupt
            finish(call, null, interruptedError(Duration.ofNanos(runDeadline - start), Duration.ofNanos(end - start)));
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
        long elapsed = System.nanoTime() - (call.deadlineNanos - timeoutNanos);
        finish(call, null, new CallTimeoutException(label(), blueprint.timeout(), Duration.ofNanos(elapsed)));
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
        if (hibernation != null) {
            hibernation.touch(); // idle counts from the end of the last call
        }
        if (failure instanceof StatementBudgetExceededException || failure instanceof MemoryLimitExceededException) {
            context.closeBecause((ContextClosedException) failure); // before the caller wakes: it sees it closed
        }
        if (failure == null) {
            call.succeed(value);
        } else {
            call.failWith(failure);
        }
    }

    private RuntimeException interruptedError(Duration limit, Duration elapsed) {
        if (thread.pool().isClosed()) {
            return new PoolClosedException("The pool closed while a call on '" + label() + "' ran; it was interrupted");
        }
        return new CallTimeoutException(label(), limit, elapsed);
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
        if (old != null) {
            old.close();
        }
        fresh.serve(this, blueprint);
        if (hibernation != null) {
            hibernation.end(); // a saved state is dropped with the old engine context
            hibernation.touch();
        }
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
        if (wake != null) {
            wake.cancel();
            wake = null;
        }
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
        if (hibernation != null) {
            hibernation.end();
        }
        if (hosted != null) {
            hosted.close();
        }
        thread.unregister(this);
    }
}
