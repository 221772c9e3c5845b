package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * One context inside an {@link EngineRuntime}. Confined to the runtime's thread, like the runtime, except for
 * {@link #interrupt()}. The pool never starts a call while another one on the same context is running.
 *
 * <p>Errors: an engine fails a call's {@link Completion} with {@link dev.jsctx.pool.JsException} when JavaScript
 * threw (including a stack overflow, as a {@code RangeError}), with
 * {@link dev.jsctx.pool.UnsupportedValueException} when a value cannot be converted, and with
 * {@link dev.jsctx.pool.StatementBudgetExceededException} when the budget ran out (the pool then closes the
 * context). After {@link #interrupt()}, it may fail the call with any exception: the pool reports a time-out.
 */
public interface EngineContext {

    /**
     * Calls a global function. The engine completes {@code completion} exactly once, on the runtime thread:
     * before returning, or later if the result is a Promise that settles later (for example after a timer).
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
     * Asks the running call to stop as soon as possible. Called from the pool's watchdog thread while a call
     * runs on the runtime thread; must be thread-safe and must not block for long. The context must stay usable
     * for later calls. Engines without {@link EngineCapability#INTERRUPT} may ignore it.
     */
    void interrupt();

    /**
     * @return the heap this context holds, in bytes, or -1 if the engine cannot measure it; the engine's
     *         documentation says how it is obtained
     */
    long memoryBytes();

    /**
     * Releases the context. Called once; pending timers of the context must never fire after it.
     */
    void close();
}
