package dev.jsctx.pool.rhino;

import dev.jsctx.pool.JsException;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.function.Supplier;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.NativePromise;
import org.mozilla.javascript.RegExpProxy;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * One JavaScript context: a global scope of its own, run on its runtime thread's {@link RhinoThreadContext}.
 * Confined to that thread, except for {@link #interrupt()}. {@link #memoryBytes()} and {@link #close()} keep their
 * defaults: Rhino keeps no account of a scope's heap (so no {@code MEMORY_MEASUREMENT}), and a scope is plain heap
 * with no timers of its own.
 */
final class RhinoContext implements EngineContext {
    private final RhinoThreadContext cx;
    private final ScriptableObject global;
    private final ContextHost host;
    private final long budget;
    /**
     * This context's RegExp legacy statics ({@code RegExp.lastMatch}, {@code $1}, {@code input},
     * {@code multiline}). Rhino keeps them in the {@code Context}'s RegExp proxy, one per runtime thread; the
     * thread context swaps this one in for each call, so no context reads another's match or flags.
     */
    private final RegExpProxy regExpStatics;

    private volatile boolean interruptRequested;
    /** The {@code host} object's side in Java, or null for a context without it. */
    private RhinoHostBridge hostBridge;

    RhinoContext(RhinoThreadContext cx, ScriptableObject global, ContextHost host, long budget) {
        this.cx = cx;
        this.global = global;
        this.host = host;
        this.budget = budget;
        this.regExpStatics = RhinoThreadContext.newRegExpStatics();
    }

    /**
     * Installs the {@code host} object if given, then runs the spec's scripts in the fresh scope; throws what
     * {@link RhinoErrors#toFailure} makes.
     *
     * @param hostScript the host object's script, or null for a context without it
     */
    void load(Script hostScript, List<Script> scripts) {
        guarded(() -> {
            if (hostScript != null) {
                hostBridge = new RhinoHostBridge(this, cx, global, host, hostScript);
            }
            for (Script script : scripts) {
                script.exec(cx, global, global);
            }
            return null;
        });
    }

    @Override
    public void call(String function, List<JsonValue> args, Completion completion) {
        deliver(completion, () -> {
            if (!(ScriptableObject.getProperty(global, function) instanceof Function fn)) {
                throw ScriptRuntime.typeError(function + " is not a function");
            }
            RhinoValues values = new RhinoValues(cx, global);
            Object[] jsArgs = args.stream().map(values::toJs).toArray();
            return fn.call(cx, global, global, jsArgs);
        });
    }

    @Override
    public void eval(String source, Completion completion) {
        deliver(completion, () -> RhinoEngine.compile(cx, source, "eval").exec(cx, global, global));
    }

    /**
     * Runs a call and completes with its result converted to JSON, or, for a Promise, with its outcome once it
     * settles: in this call's microtasks if it can, else in those of a later call of this context. A reaction
     * may complete a call that then fails (the watchdog interrupts its remaining microtasks): the first outcome
     * counts.
     */
    private void deliver(Completion completion, Supplier<Object> body) {
        JsonValue result;
        try {
            result = guarded(() -> {
                Object value = body.get();
                if (value instanceof NativePromise promise) {
                    // The reactions may outlive the call (a Promise never settled): they hold it weakly.
                    Completion awaited = Completion.weak(completion);
                    ((Function) ScriptableObject.getProperty(promise, "then"))
                            .call(cx, global, promise, new Object[] {reaction(awaited, true), reaction(awaited, false)
                            });
                    return null;
                }
                return new RhinoValues(cx, global).toJson(value);
            });
        } catch (RuntimeException failure) {
            completion.fail(failure);
            return;
        }
        if (result != null) {
            completion.complete(result);
        }
    }

    /** A Promise reaction that completes the call: with the value if fulfilled, else with the reason. */
    private Function reaction(Completion completion, boolean fulfilled) {
        return new LambdaFunction(global, 1, (lcx, scope, thisObj, args) -> {
            Object value = args.length > 0 ? args[0] : Undefined.instance;
            if (!fulfilled) {
                completion.fail(RhinoErrors.fromThrown(value, ""));
                return Undefined.instance;
            }
            JsonValue json;
            try {
                json = new RhinoValues(cx, global).toJson(value);
            } catch (RuntimeException e) {
                completion.fail(RhinoErrors.toFailure(e));
                return Undefined.instance;
            }
            completion.complete(json);
            return Undefined.instance;
        });
    }

    @Override
    public void deliverMessage(JsonValue message) {
        hostBridge.deliver(message);
    }

    /**
     * Runs JavaScript that is not a call (a host call's reply, a message) with its microtasks, as a browser runs a
     * task: what it throws is logged to the script logger, except an interrupt (the pool logs that); a budget overrun
     * kills the context.
     */
    void runTask(Runnable body) {
        try {
            guarded(() -> {
                body.run();
                return null;
            });
        } catch (StatementBudgetExceededException exceeded) {
            host.died(exceeded);
        } catch (RuntimeException failure) {
            if (interruptRequested) {
                return; // the pool interrupted it for its time or memory limit, and reports that itself
            }
            host.scriptLogger()
                    .log(
                            System.Logger.Level.WARNING,
                            "[" + host.label() + "] Uncaught "
                                    + (failure instanceof JsException js
                                                    && !js.jsStack().isEmpty()
                                            ? js.getMessage() + "\n" + js.jsStack()
                                            : failure.getMessage()));
        }
    }

    /**
     * Runs JavaScript with the interrupt and the budget observed, then the microtasks it queued.
     *
     * @throws RuntimeException what {@link RhinoErrors#toFailure} makes of a failure
     */
    private <T> T guarded(Supplier<T> body) {
        interruptRequested = false;
        cx.begin(this, budget);
        try {
            T result = body.get();
            cx.processMicrotasks();
            return result;
        } catch (RuntimeException | StackOverflowError | RhinoThreadContext.CallAborted e) {
            throw RhinoErrors.toFailure(e);
        } finally {
            cx.end();
        }
    }

    @Override
    public void interrupt() {
        interruptRequested = true;
    }

    RegExpProxy regExpStatics() {
        return regExpStatics;
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    String label() {
        return host.label();
    }
}
