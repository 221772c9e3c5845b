package dev.jsctx.pool.graal;

import com.oracle.truffle.api.TruffleContext;
import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One GraalJS {@link Context}. Confined to its runtime thread, except {@link #interrupt()}.
 *
 * <p>A global function is looked up in the context's bindings at every call, so a function that a script
 * reassigned, during a call or a timer, is the one called next, as in any other engine.
 *
 * <p>When GraalJS closes the context itself (its statement limit ran out), the call fails with
 * {@link StatementBudgetExceededException}, or, in a timer task, the context reports itself dead
 * ({@link ContextHost#died}); either way the pool closes it, fails what waits on it and cancels its timers.
 *
 * <p>{@link #memoryBytes()} is the heap the context retains at that moment, as Truffle measures it
 * ({@link ContextHeapMeter}); -1 on Truffle's fallback runtime.
 */
final class GraalEngineContext implements EngineContext {
    private static final System.Logger LOG = System.getLogger(GraalEngineContext.class.getName());
    /** How long {@link #interrupt()} waits for the running call to stop; the watchdog must not hang on it. */
    private static final Duration INTERRUPT_WAIT = Duration.ofMillis(500);

    private final Context context;
    private final Value bindings;
    private final GraalPreparedScripts scripts;
    private final ContextHost host;
    private final JsonBridge bridge;
    private final ScriptLabel label;
    private final ScriptLog log;
    private final ContextHeapMeter heapMeter;
    /** The {@code host} object's side in Java, or null for a context without it. */
    private GraalHostBridge hostBridge;
    /** Found once, on the runtime thread, for a context with a memory limit: measured from the guard's thread. */
    private final TruffleContext truffleContext;

    GraalEngineContext(
            Context context,
            GraalPreparedScripts scripts,
            ContextHost host,
            ScriptLabel label,
            ScriptLog log,
            ContextHeapMeter heapMeter) {
        this.context = context;
        this.bindings = context.getBindings("js");
        this.scripts = scripts;
        this.host = host;
        this.label = label;
        this.log = log;
        this.heapMeter = heapMeter;
        this.bridge = new JsonBridge(bindings);
        this.truffleContext = scripts.memoryLimitBytes() > 0 ? heapMeter.truffleContext(context) : null;
    }

    /**
     * Installs the browser API if the surface asks for it and the {@code host} object if given, then runs the spec's
     * scripts.
     *
     * @param hostSource the host object's script, or null for a context without it
     * @throws JsContextException if a script threw ({@link JsException}) or ran out of budget
     */
    void load(Source browserSource, Source hostSource) {
        try {
            if (scripts.surface() == ApiSurface.BROWSER) {
                resetBudget();
                BrowserApi.install(context, browserSource, this);
            }
            if (hostSource != null) {
                resetBudget();
                hostBridge = GraalHostBridge.install(context, hostSource, this, bridge);
            }
            for (Source source : scripts.sources()) {
                resetBudget();
                context.eval(source);
            }
        } catch (PolyglotException e) {
            JsContextException failure = failure(e);
            close();
            throw failure;
        }
    }

    ContextHost host() {
        return host;
    }

    /** @return where console output goes: the context's bounded log, shared with its output streams */
    ScriptLog log() {
        return log;
    }

    @Override
    public void call(String function, List<JsonValue> args, Completion completion) {
        try {
            Value callee = bindings.getMember(function);
            if (callee == null || !callee.canExecute()) {
                throw new JsException("TypeError", function + " is not a function", "");
            }
            Object[] guestArgs = bridge.toGuest(args);
            resetBudget();
            label.refresh(host);
            settle(callee.execute(guestArgs), completion);
        } catch (PolyglotException e) {
            completion.fail(failure(e));
        } catch (JsContextException e) {
            completion.fail(e);
        }
    }

    @Override
    public void eval(String source, Completion completion) {
        try {
            resetBudget();
            label.refresh(host);
            settle(
                    context.eval(Source.newBuilder("js", source, "eval")
                            .cached(false)
                            .buildLiteral()),
                    completion);
        } catch (PolyglotException e) {
            completion.fail(failure(e));
        } catch (JsContextException e) {
            completion.fail(e);
        }
    }

    /**
     * Completes now, or when the returned thenable settles (its callbacks run as promise jobs); a thenable that
     * never settles is the pool's to time out or fail at close.
     */
    private void settle(Value result, Completion call) {
        if (!result.hasMembers() || !result.canInvokeMember("then")) {
            call.complete(JsonBridge.toJson(result));
            return;
        }
        Completion completion = Completion.weak(call); // the reactions may outlive the call (a Promise never settled)
        ProxyExecutable onFulfilled = args -> {
            try {
                completion.complete(JsonBridge.toJson(args.length > 0 ? args[0] : context.asValue(null)));
            } catch (JsContextException e) {
                completion.fail(e);
            } catch (PolyglotException e) {
                completion.fail(GuestErrors.toException(e, host.label()));
            }
            return null;
        };
        ProxyExecutable onRejected = args -> {
            completion.fail(GuestErrors.fromThrown(args.length > 0 ? args[0] : null));
            return null;
        };
        result.invokeMember("then", onFulfilled, onRejected);
    }

    @Override
    public void deliverMessage(JsonValue message) {
        hostBridge.deliver(message);
    }

    /**
     * Runs a task of the browser API (a timer) on the runtime thread; see {@link #runGuest}.
     */
    void runTask(Value task) {
        runGuest(task::executeVoid);
    }

    /**
     * Runs guest code that is not a call (a timer task, a host call's reply, a message) on the runtime thread, then
     * its promise jobs. Errors it throws are logged, as a browser reports them, except an interrupt (the pool logs
     * that); a budget overrun kills the context.
     */
    void runGuest(Runnable guestCode) {
        try {
            resetBudget();
            label.refresh(host);
            guestCode.run();
        } catch (PolyglotException e) {
            if (e.isInterrupted()) {
                return; // the pool interrupted it for its time or memory limit, and reports that itself
            }
            JsContextException failure = failure(e);
            if (failure instanceof StatementBudgetExceededException exceeded) {
                host.died(exceeded);
                return;
            }
            log.log(
                    System.Logger.Level.WARNING,
                    "Uncaught "
                            + (failure instanceof JsException js
                                            && !js.jsStack().isEmpty()
                                    ? js.jsStack()
                                    : failure.getMessage()));
        }
    }

    private void resetBudget() {
        if (scripts.limits() != null) {
            context.resetLimits();
        }
    }

    private JsContextException failure(PolyglotException e) {
        if (GuestErrors.isBudgetExhausted(e)) {
            return new StatementBudgetExceededException("Context '" + host.label() + "' ran more than its budget of "
                    + scripts.statementBudget() + " statements in one call and was closed");
        }
        return GuestErrors.toException(e, host.label());
    }

    @Override
    public void interrupt() {
        try {
            context.interrupt(INTERRUPT_WAIT);
        } catch (TimeoutException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Call on context ''{0}'' did not stop within {1} ms of its interrupt",
                    host.label(),
                    INTERRUPT_WAIT.toMillis());
        } catch (IllegalStateException | PolyglotException e) {
            LOG.log(System.Logger.Level.DEBUG, "Context ''{0}'' closed while being interrupted", host.label());
        }
    }

    @Override
    public long memoryBytes() {
        return heapMeter.retainedBytes(context, scripts.surface());
    }

    /** Any thread, also while a call runs on the runtime thread (see {@link HeapSizeInstrument.Service}). */
    @Override
    public long retainedBytesUpTo(long stopAtBytes) {
        if (truffleContext == null) {
            throw new IllegalStateException("Context '" + host.label() + "' has no memory limit to measure for");
        }
        return heapMeter.retainedBytesUpTo(truffleContext, scripts.surface(), stopAtBytes);
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (IllegalStateException | PolyglotException e) {
            // Already closed by GraalJS (statement budget); nothing is left to release.
            LOG.log(System.Logger.Level.DEBUG, "Context ''{0}'' was already closed: {1}", host.label(), e.getMessage());
        }
    }
}
