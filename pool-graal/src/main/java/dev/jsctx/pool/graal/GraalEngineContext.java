package dev.jsctx.pool.graal;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One GraalJS {@link Context}. Confined to its runtime thread, except {@link #interrupt()}.
 *
 * <p>Global functions are looked up on their first call and kept: a script that later assigns another function
 * to the same global name is seen after the next {@link #eval}, which clears the cache.
 *
 * <p>{@link #memoryBytes()} is the heap the context retains at that moment, as Truffle measures it
 * ({@link ContextHeapMeter}); -1 on Truffle's fallback runtime.
 */
final class GraalEngineContext implements EngineContext {
    private static final System.Logger LOG = System.getLogger(GraalEngineContext.class.getName());
    /** How long {@link #interrupt()} waits for the running call to stop; the watchdog must not hang on it. */
    private static final Duration INTERRUPT_WAIT = Duration.ofMillis(500);

    private final Context context;
    private final GraalPreparedScripts scripts;
    private final ContextHost host;
    private final JsonBridge bridge;
    private final ContextHeapMeter heapMeter;
    private final Map<String, Value> functions = new HashMap<>(4);
    private List<PendingCall> pendingCalls;
    private BrowserApi browserApi;
    private JsContextException closedBy;

    GraalEngineContext(Context context, GraalPreparedScripts scripts, ContextHost host, ContextHeapMeter heapMeter) {
        this.context = context;
        this.scripts = scripts;
        this.host = host;
        this.heapMeter = heapMeter;
        this.bridge = new JsonBridge(context.getBindings("js"));
    }

    /**
     * Installs the browser API if the surface asks for it, then runs the spec's scripts.
     *
     * @throws JsContextException if a script threw ({@link JsException}) or ran out of budget
     */
    void load(Source browserSource) {
        try {
            if (scripts.surface() == ApiSurface.BROWSER) {
                resetBudget();
                browserApi = BrowserApi.install(context, browserSource, this);
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

    @Override
    public void call(String function, List<JsonValue> args, Completion completion) {
        if (closedBy != null) {
            completion.fail(closedBy);
            return;
        }
        try {
            Value callee = function(function);
            Object[] guestArgs = bridge.toGuest(args);
            resetBudget();
            settle(callee.execute(guestArgs), completion);
        } catch (PolyglotException e) {
            completion.fail(failure(e));
        } catch (JsContextException e) {
            completion.fail(e);
        }
    }

    @Override
    public void eval(String source, Completion completion) {
        if (closedBy != null) {
            completion.fail(closedBy);
            return;
        }
        try {
            resetBudget();
            settle(
                    context.eval(Source.newBuilder("js", source, "eval")
                            .cached(false)
                            .buildLiteral()),
                    completion);
        } catch (PolyglotException e) {
            completion.fail(failure(e));
        } catch (JsContextException e) {
            completion.fail(e);
        } finally {
            functions.clear();
        }
    }

    private Value function(String name) {
        Value callee = functions.get(name);
        if (callee == null) {
            callee = context.getBindings("js").getMember(name);
            if (callee == null || !callee.canExecute()) {
                throw new JsException("TypeError", name + " is not a function", "");
            }
            functions.put(name, callee);
        }
        return callee;
    }

    /** Completes now, or when the returned thenable settles (its callbacks run as promise jobs). */
    private void settle(Value result, Completion completion) {
        if (!result.hasMembers() || !result.canInvokeMember("then")) {
            completion.complete(JsonBridge.toJson(result));
            return;
        }
        PendingCall pending = new PendingCall(completion);
        if (pendingCalls == null) {
            pendingCalls = new ArrayList<>(2);
        }
        pendingCalls.add(pending);
        try {
            result.invokeMember("then", pending.onFulfilled(), pending.onRejected());
        } catch (RuntimeException e) {
            pendingCalls.remove(pending);
            throw e;
        }
    }

    /**
     * Runs a task of the browser API (a timer) on the runtime thread. Errors it throws are logged, as a browser
     * reports them; a budget overrun closes the context.
     */
    void runTask(Value task) {
        if (closedBy != null) {
            return;
        }
        try {
            resetBudget();
            task.executeVoid();
        } catch (PolyglotException e) {
            JsContextException failure = failure(e);
            if (closedBy == null) {
                host.scriptLogger()
                        .log(
                                System.Logger.Level.WARNING,
                                "[" + host.label() + "] Uncaught "
                                        + (failure instanceof JsException js
                                                        && !js.jsStack().isEmpty()
                                                ? js.jsStack()
                                                : failure.getMessage()));
            }
        }
    }

    private void resetBudget() {
        if (scripts.limits() != null) {
            context.resetLimits();
        }
    }

    /** Maps a failure; when GraalJS closed the context (budget), every pending call fails and timers stop. */
    private JsContextException failure(PolyglotException e) {
        if (GuestErrors.isBudgetExhausted(e)) {
            StatementBudgetExceededException exceeded = new StatementBudgetExceededException("Context '"
                    + host.label() + "' ran more than its budget of " + scripts.statementBudget()
                    + " statements in one call and was closed");
            shutDown(exceeded);
            return exceeded;
        }
        return GuestErrors.toException(e, host.label());
    }

    private void shutDown(JsContextException reason) {
        if (closedBy != null) {
            return;
        }
        closedBy = reason;
        if (browserApi != null) {
            browserApi.cancelTimers();
        }
        if (pendingCalls != null) {
            List<PendingCall> pending = pendingCalls;
            pendingCalls = null;
            for (PendingCall call : pending) {
                call.fail(reason);
            }
        }
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

    @Override
    public void close() {
        shutDown(new ContextClosedException("Context '" + host.label() + "' is closed"));
        try {
            context.close();
        } catch (IllegalStateException | PolyglotException e) {
            // Already closed by GraalJS (statement budget); nothing is left to release.
            LOG.log(System.Logger.Level.DEBUG, "Context ''{0}'' was already closed: {1}", host.label(), e.getMessage());
        }
    }

    /** A call whose result is a promise: completed once, by whichever comes first of settling and closing. */
    private final class PendingCall {
        private final Completion completion;
        private boolean done;

        PendingCall(Completion completion) {
            this.completion = completion;
        }

        ProxyExecutable onFulfilled() {
            return args -> {
                if (finish()) {
                    try {
                        completion.complete(JsonBridge.toJson(args.length > 0 ? args[0] : context.asValue(null)));
                    } catch (JsContextException e) {
                        completion.fail(e);
                    } catch (PolyglotException e) {
                        completion.fail(GuestErrors.toException(e, host.label()));
                    }
                }
                return null;
            };
        }

        ProxyExecutable onRejected() {
            return args -> {
                if (finish()) {
                    completion.fail(GuestErrors.fromThrown(args.length > 0 ? args[0] : null));
                }
                return null;
            };
        }

        void fail(JsContextException reason) {
            if (!done) {
                done = true;
                completion.fail(reason);
            }
        }

        private boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            if (pendingCalls != null) {
                pendingCalls.remove(this);
            }
            return true;
        }
    }
}
