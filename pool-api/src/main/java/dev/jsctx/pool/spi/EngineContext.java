package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * One context inside an {@link EngineRuntime}. Confined to the runtime's thread, like the runtime, except for
 * {@link #interrupt()}. The pool never starts a request while another one on the same context is running.
 *
 * <p>Errors: an engine fails a call's {@link Completion} with {@link dev.jsctx.pool.JsException} when JavaScript
 * threw (including a stack overflow, as a {@code RangeError}), with
 * {@link dev.jsctx.pool.UnsupportedValueException} when a value cannot be converted, and with
 * {@link dev.jsctx.pool.StatementBudgetExceededException} when the budget ran out (the pool then closes the
 * context). After {@link #interrupt()}, it may fail the call with any exception: the pool reports a time-out.
 */
public interface EngineContext {

    /**
     * Calls a global function, looked up when the call runs (a function reassigned by an earlier call is the one
     * called). The engine completes {@code completion} on the runtime thread: before returning, or later if the
     * result is a Promise that settles later (for example after a timer). The first outcome counts; the pool
     * ignores later ones, so an engine needs no guard of its own.
     *
     * @param function   the global function's name
     * @param args       the arguments
     * @param completion where the result goes
     */
    void call(String function, List<JsonValue> args, Completion completion);

    /**
     * Evaluates a script; completes like {@link #call}.
     *
     * @param source     JavaScript
     * @param completion where the completion value goes
     */
    void eval(String source, Completion completion);

    /**
     * Asks the running call to stop as soon as possible. Called from the pool's watchdog thread while a call runs
     * on the runtime thread; must be thread-safe and must return quickly. The context must stay usable, with its
     * state, for later calls. Required of every engine: without it a runaway loop would hold its thread for good.
     */
    void interrupt();

    /**
     * @implSpec The default returns -1.
     * @return the heap this context holds, in bytes, or -1 if the engine cannot measure it (then it does not
     *     declare {@link dev.jsctx.pool.EngineCapability#MEMORY_MEASUREMENT}); the engine's documentation says
     *     how it is obtained
     */
    default long memoryBytes() {
        return -1;
    }

    /**
     * Delivers a message sent with {@link dev.jsctx.pool.JsContext#send}: runs the handler the context's JavaScript
     * registered with {@code host.onMessage}, with the message converted as a call's argument, and its microtasks;
     * does nothing when none is registered. Called only for a shape with the {@link HostObject}, on the runtime
     * thread, outside any call, under the context's time limit (like a timer task). Like a timer task, what the
     * handler throws is logged to {@link ContextHost#scriptLogger()}, not thrown.
     *
     * @implSpec The default throws {@link UnsupportedOperationException}: an engine without
     *     {@link dev.jsctx.pool.EngineCapability#HOST_FUNCTIONS} is never asked.
     * @param message the message
     */
    default void deliverMessage(JsonValue message) {
        throw new UnsupportedOperationException("This engine has no host object");
    }

    /**
     * Measures the heap this context retains, for its memory limit ({@link ContextShape#memoryLimitBytes()}):
     * everything reachable from its globals and from the frames of a call running in it. Called either by the
     * pool's memory guard thread while a call of this context runs on the runtime thread (the engine must allow
     * that, pausing the call briefly if it must; the runtime thread does not close the context meanwhile), or on
     * the runtime thread right after a call returned; never concurrently with itself. Declare
     * {@link dev.jsctx.pool.EngineCapability#MEMORY_LIMIT} only if it is implemented.
     *
     * @implSpec The default throws {@link UnsupportedOperationException}.
     * @param stopAtBytes the measurement may stop once past this many bytes
     * @return the bytes retained, or any value above {@code stopAtBytes} once past it
     */
    default long retainedBytesUpTo(long stopAtBytes) {
        throw new UnsupportedOperationException("This engine does not measure a context's retained heap");
    }

    /**
     * Releases the context. Called once, and nothing after it. Timers scheduled through {@link ContextHost} never
     * fire after it; the engine cancels whatever else it scheduled itself. Calls awaiting a Promise are failed by
     * the pool.
     *
     * @implSpec The default does nothing, for contexts that are plain heap.
     */
    default void close() {}
}
