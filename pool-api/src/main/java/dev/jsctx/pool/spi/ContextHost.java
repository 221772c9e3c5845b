package dev.jsctx.pool.spi;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.JsException;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

/**
 * The pool's services to one engine context, given to {@link EngineRuntime#createContext} and kept by the context
 * for its whole life. Every method must be called on the context's runtime thread.
 */
public interface ContextHost {

    /**
     * The name of the {@link System.Logger} returned by {@link #scriptLogger()}: what scripts print
     * ({@code console.log} of {@link dev.jsctx.pool.ApiSurface#BROWSER}) goes there.
     */
    String SCRIPT_LOGGER_NAME = "dev.jsctx.script";

    /**
     * Runs a task on the runtime thread after a delay, unless cancelled or the context closes first. For timers
     * ({@code setTimeout}, {@code setInterval}). The task runs under the context's time limit, like a call.
     *
     * @param delayMillis zero or more milliseconds
     * @param task        what to run, on the runtime thread
     * @return a handle that cancels the task
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * The label of the context this engine context serves now. Read it when needed rather than keeping it: a spare
     * context is made for one spec and may serve a context of another spec with the same shape.
     *
     * @return the context's label, for messages and logs
     */
    String label();

    /**
     * The pool's bounds of this context's timers and log output ({@link dev.jsctx.pool.PoolConfig#browserLimits()}),
     * which the engine enforces: the same for every context of a pool, so a spare may keep what it read at creation.
     *
     * @implSpec The default returns {@link BrowserLimits#defaults()}.
     * @return the limits
     */
    default BrowserLimits browserLimits() {
        return BrowserLimits.defaults();
    }

    /**
     * @return the logger for what the context's scripts print ({@code console.log} and engine output), named
     *     {@value #SCRIPT_LOGGER_NAME}; prefix messages with {@link #label()}
     */
    System.Logger scriptLogger();

    /**
     * Reports that this engine context cannot run anything any more, for example because the engine closed it when
     * a timer task ran past the statement budget. The pool closes the context as {@link dev.jsctx.pool.JsContext#close()}
     * would (its timers stop at once) and fails the calls waiting on it, and later ones, with a
     * {@link ContextClosedException} that says why; then it closes this engine context. May be called inside a call;
     * later reports are ignored.
     *
     * @param reason why, for the callers
     */
    void died(ContextClosedException reason);

    /**
     * {@code host.callSync(function, ...args)} of a context whose shape has the {@link HostObject}: runs a synchronous
     * host function now, on the runtime thread, and returns its result.
     *
     * @implSpec The default throws: no host functions are bound. The pool binds them.
     * @param function the function's name
     * @param args     the JavaScript arguments, converted together as one array
     * @return the result, to convert for JavaScript
     * @throws JsException when the function failed (or there is none of that name): the engine throws a
     *     JavaScript {@code Error} with its {@link JsException#jsMessage()}
     */
    default JsonValue callHostSync(String function, JsonArray args) {
        throw noHost();
    }

    /**
     * {@code host.call(function, ...args)}: starts an asynchronous host function. The pool later settles
     * {@code reply}, once, on the runtime thread, as work of its own (never inside this method), under the context's
     * time limit; it never settles it after the engine context closed.
     *
     * @implSpec The default throws: no host functions are bound. The pool binds them.
     * @param function the function's name
     * @param args     the JavaScript arguments, converted together as one array
     * @param reply    how the engine settles the call's Promise
     * @throws JsException when the call cannot start (no such function, too many in flight); the engine rejects the
     *     Promise with a JavaScript {@code Error} of its {@link JsException#jsMessage()}
     */
    default void callHost(String function, JsonArray args, HostReply reply) {
        throw noHost();
    }

    /**
     * {@code host.send(message)}: hands a value to the opener's listener, now, on the runtime thread.
     *
     * @implSpec The default throws: no host functions are bound. The pool binds them.
     * @param message the value sent
     * @throws JsException when nobody listens; the engine throws a JavaScript {@code Error} of its
     *     {@link JsException#jsMessage()}
     */
    default void sendToHost(JsonValue message) {
        throw noHost();
    }

    private JsException noHost() {
        return new JsException("Error", "No host functions are bound to context '" + label() + "'", "");
    }

    /**
     * Cancels a scheduled task.
     */
    @FunctionalInterface
    interface Cancellable {
        /**
         * Cancels the task if it has not run; harmless otherwise.
         */
        void cancel();
    }
}
