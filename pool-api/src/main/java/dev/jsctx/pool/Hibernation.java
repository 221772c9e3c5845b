package dev.jsctx.pool;

import dev.jsctx.pool.spi.Completion;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One context's hibernation (see {@link PoolConfig.Builder#hibernateAfter}), on its runtime thread: notes when the
 * context was last active, looks at it once its idle time has passed (one pool timer per context at most, armed by
 * activity), saves its state with {@code snapshot()} and closes its engine context when it is quiet, and restores it
 * with {@code restore(state)} before its next call or message. Decided between two pieces of work of the thread, so
 * it never races a call. Confined to the runtime thread.
 */
final class Hibernation {
    private static final System.Logger LOG = System.getLogger(Hibernation.class.getName());
    /** Whether the script offers the pair; looked up each time, since a script may define them late. */
    private static final String HAS_PAIR = "typeof snapshot === 'function' && typeof restore === 'function'";
    /** The most of a JavaScript error message put into an exception or a log line: it may hold client data. */
    private static final int MAX_MESSAGE_CHARS = 200;

    private final ContextLane lane;
    private final RuntimeThread thread;
    private final Blueprint blueprint;
    private final long idleNanos;

    private long lastActiveNanos;
    /** The pending look at the context, or null when none is armed. */
    private TimerQueue.Timer check;
    /** What {@code snapshot()} returned, while the context hibernates; null otherwise. */
    private JsonValue state;

    Hibernation(ContextLane lane, RuntimeThread thread, Blueprint blueprint) {
        this.lane = lane;
        this.thread = thread;
        this.blueprint = blueprint;
        this.idleNanos = blueprint.hibernateAfter().toNanos();
    }

    /** The context was active now (a call started or ended, a message came): its idle time starts again. */
    void touch() {
        lastActiveNanos = System.nanoTime();
        if (check == null) {
            check = thread.timers().schedule(lastActiveNanos + idleNanos, this::check);
        }
    }

    boolean isHibernating() {
        return state != null;
    }

    /**
     * Restores a hibernating context before its call or message runs: a new engine context (a spare when one is
     * ready), the spec's scripts, then {@code restore(state)}. Does nothing for a context that is awake.
     *
     * @return null when the context is awake now, else the exception it was closed with
     */
    RestoreFailedException wakeIfHibernating() {
        if (state == null) {
            return null;
        }
        JsonValue saved = state;
        state = null;
        HostedContext fresh;
        try {
            fresh = thread.obtain(blueprint);
        } catch (RuntimeException e) {
            return failed("no new engine context could be made (" + shortened(e.getMessage()) + ")");
        }
        lane.serveWith(fresh);
        try {
            runScript(fresh, "restore(state)", done -> fresh.engineContext().call("restore", List.of(saved), done));
        } catch (RuntimeException e) {
            lane.serveWith(null);
            fresh.close();
            return failed("restore(state) failed: " + describe(e));
        }
        thread.stats().leftHibernation(true);
        return null;
    }

    /** The context was reset or closed: a saved state is dropped, and the pending look is cancelled. */
    void end() {
        if (check != null) {
            check.cancel();
            check = null;
        }
        if (state != null) {
            state = null;
            thread.stats().leftHibernation(false);
        }
    }

    private RestoreFailedException failed(String why) {
        thread.stats().leftHibernation(false);
        RestoreFailedException failure = new RestoreFailedException("Context '" + blueprint.label()
                + "' could not be woken from hibernation: " + why + "; it was closed, open a new one");
        lane.context().closeBecause(failure);
        return failure;
    }

    /** The pool timer: hibernates the context if it stayed idle and quiet, else looks again later. */
    private void check() {
        check = null;
        long now = System.nanoTime();
        long due = lastActiveNanos + idleNanos;
        if (due - now > 0) {
            check = thread.timers().schedule(due, this::check);
            return;
        }
        if (!lane.isQuiet()) { // a timer, a host call or a Promise may end without a call: look again
            check = thread.timers().schedule(now + idleNanos, this::check);
            return;
        }
        HostedContext hosted = lane.hosted();
        JsonValue saved;
        try {
            JsonValue hasPair = runScript(
                    hosted,
                    "the check for snapshot/restore",
                    done -> hosted.engineContext().eval(HAS_PAIR, done));
            if (!JsonValue.TRUE.equals(hasPair)) {
                return; // no pair: never hibernates; its next activity looks again
            }
            saved = runScript(
                    hosted, "snapshot()", done -> hosted.engineContext().call("snapshot", List.of(), done));
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Context '" + blueprint.label() + "' stays awake: its snapshot() failed: " + describe(e));
            return;
        }
        if (!lane.isQuiet()) { // snapshot() itself set a timer or started a host call
            check = thread.timers().schedule(now + idleNanos, this::check);
            return;
        }
        state = saved;
        lane.serveWith(null);
        hosted.close();
        thread.stats().hibernated();
    }

    /**
     * Runs JavaScript of the context that is not a call of its user, under the context's time limit, and returns
     * what it returned at once.
     *
     * @throws RuntimeException what it threw, a {@link CallTimeoutException}, or a {@link JsContextException} when
     *     it returned a Promise
     */
    private JsonValue runScript(HostedContext hosted, String what, Consumer<Completion> script) {
        Outcome outcome = new Outcome();
        CallGuard guard = thread.guard();
        long started = System.nanoTime();
        long token = guard.begin(hosted.engineContext(), started + hosted.timeoutNanos());
        RuntimeException thrown = null;
        try {
            script.accept(outcome);
        } catch (RuntimeException | StackOverflowError e) {
            thrown = EngineErrors.asPoolError(e, what + " of '" + blueprint.label() + "'");
        }
        if (guard.end(token)) {
            throw new CallTimeoutException(
                    blueprint.label(),
                    Duration.ofNanos(hosted.timeoutNanos()),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        if (outcome.delivered) {
            if (outcome.error != null) {
                throw outcome.error;
            }
            return outcome.value;
        }
        if (thrown != null) {
            throw thrown;
        }
        throw new JsContextException(what + " returned a Promise; it must return at once");
    }

    private static String describe(RuntimeException e) {
        return shortened(e instanceof JsException js ? js.jsName() + ": " + js.jsMessage() : e.getMessage());
    }

    /** Cut short, on one line: it goes into exceptions and log lines. */
    private static String shortened(String message) {
        if (message == null) {
            return "no message";
        }
        String cut =
                message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS - 3) + "..." : message;
        return cut.replaceAll("\\p{Cntrl}", " ");
    }

    /** Where the engine delivers the outcome of the pool's own script; the first outcome counts. */
    private static final class Outcome implements Completion {
        private boolean delivered;
        private JsonValue value;
        private RuntimeException error;

        @Override
        public void complete(JsonValue result) {
            if (!delivered) {
                delivered = true;
                value = result == null ? JsonValue.NULL : result;
            }
        }

        @Override
        public void fail(RuntimeException failure) {
            if (!delivered) {
                delivered = true;
                error = failure;
            }
        }
    }
}
