package dev.jsctx.pool.rhino;

import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.StatementBudgetExceededException;
import java.util.ArrayDeque;
import java.util.ServiceLoader;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.ErrorReporter;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.RegExpLoader;
import org.mozilla.javascript.RegExpProxy;
import org.mozilla.javascript.ScriptRuntime;

/**
 * The one Rhino {@link Context} a runtime thread enters for its whole life, shared by all the thread's contexts
 * (a Rhino {@code Context} is per thread; a JavaScript context here is a scope). It fixes the sandbox and
 * compile settings, owns the microtask queue, gives each call its context's own RegExp statics, and stops a call
 * that was interrupted or ran out of budget.
 *
 * <p>Rhino calls {@link #observeInstructionCount} every {@value #OBSERVE_EVERY} units of interpreted bytecode;
 * there the call is stopped by throwing {@link CallAborted}, an {@link Error} that JavaScript can neither catch
 * nor run {@code finally} blocks for.
 */
final class RhinoThreadContext extends Context {
    /** How often, in bytecode units, Rhino reports to the observer: a few microseconds of interpretation. */
    static final int OBSERVE_EVERY = 1_000;

    private static final String RHINO_STACK_DEPTH_MESSAGE = "Exceeded maximum stack depth";

    /** Makes contexts of this class; stateless, so one serves every pool. */
    static final ContextFactory FACTORY = new ContextFactory() {
        @Override
        protected Context makeContext() {
            return new RhinoThreadContext(this);
        }
    };

    /**
     * Rhino's own RegExp implementation, found as Rhino finds it: its class is not exported from Rhino's module,
     * so it is made through this service.
     */
    private static final RegExpLoader REGEXP_LOADER = ServiceLoader.load(
                    RegExpLoader.class, Context.class.getClassLoader())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Rhino's RegExpLoader service is missing"));

    private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>();
    private RhinoContext running;
    private long budget;
    private long used;

    private RhinoThreadContext(ContextFactory factory) {
        super(factory);
        setInterpretedMode(true);
        setLanguageVersion(VERSION_ECMASCRIPT);
        setClassShutter(className -> false);
        setErrorReporter(new StandardErrors());
        setInstructionObserverThreshold(OBSERVE_EVERY);
    }

    /**
     * Starts observing a call of {@code context}.
     *
     * @param budget the most bytecode units the call may run, or 0 for no budget
     */
    void begin(RhinoContext context, long budget) {
        this.running = context;
        ScriptRuntime.setRegExpProxy(this, context.regExpStatics());
        this.budget = budget;
        this.used = 0;
    }

    /** @return a fresh set of RegExp legacy statics, for one context */
    static RegExpProxy newRegExpStatics() {
        return REGEXP_LOADER.newProxy();
    }

    /** Stops observing; microtasks left by an aborted call are dropped so they never run in another call. */
    void end() {
        running = null;
        microtasks.clear();
    }

    @Override
    protected void observeInstructionCount(int count) {
        RhinoContext context = running;
        if (context == null) {
            return;
        }
        if (context.interruptRequested()) {
            throw new CallAborted(new JsContextException("Call on context '" + context.label() + "' was interrupted"));
        }
        used += count;
        // The first report of a call may include up to OBSERVE_EVERY units run before it began.
        if (budget > 0 && used > budget + OBSERVE_EVERY) {
            throw new CallAborted(new StatementBudgetExceededException("Context '" + context.label()
                    + "' ran past its statement budget of " + budget + " and was closed"));
        }
    }

    @Override
    public void enqueueMicrotask(Runnable task) {
        microtasks.add(task);
    }

    @Override
    public void processMicrotasks() {
        Runnable task;
        while ((task = microtasks.poll()) != null) {
            task.run();
        }
    }

    /**
     * Thrown from the observer to stop a call; carries what the call fails with.
     */
    static final class CallAborted extends Error {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException failure;

        CallAborted(RuntimeException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }

        RuntimeException failure() {
            return failure;
        }
    }

    /**
     * Reports errors as the standard JavaScript errors: syntax errors as {@code SyntaxError} and Rhino's stack
     * limit as {@code RangeError} (Rhino's own reporter makes them {@code InternalError}s when not in eval).
     */
    private static final class StandardErrors implements ErrorReporter {
        @Override
        public void warning(String message, String sourceName, int line, String lineSource, int lineOffset) {}

        @Override
        public void error(String message, String sourceName, int line, String lineSource, int lineOffset) {
            throw ScriptRuntime.constructError("SyntaxError", message, sourceName, line, lineSource, lineOffset);
        }

        @Override
        public EvaluatorException runtimeError(
                String message, String sourceName, int line, String lineSource, int lineOffset) {
            if (message.startsWith(RHINO_STACK_DEPTH_MESSAGE)) {
                throw ScriptRuntime.constructError(
                        "RangeError", "Maximum call stack size exceeded", sourceName, line, lineSource, lineOffset);
            }
            return new EvaluatorException(message, sourceName, line, lineSource, lineOffset);
        }
    }
}
