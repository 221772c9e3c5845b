package dev.jsctx.pool;

import jakarta.json.JsonValue;

import java.util.concurrent.CompletionStage;

/**
 * One isolated JavaScript context: its own globals and state, on one runtime thread of a {@link ContextPool}.
 *
 * <p>Threading and order: any thread may use a context. Its calls run one at a time on the runtime thread that
 * owns it, in the order they were made; a call made while another is running waits in the context's queue
 * (bounded by {@link PoolConfig#maxQueuedCallsPerContext()}). A call whose result is a Promise completes when
 * the Promise settles.
 *
 * <p>Values: arguments and results are JSON-P values. JavaScript {@code undefined} becomes {@link JsonValue#NULL};
 * numbers that are integers within {@code ±2^53} become integral JSON numbers; values JSON cannot hold
 * (functions, symbols, cycles, too deep or too large) fail the call with {@link UnsupportedValueException}.
 *
 * <p>Errors: the blocking methods throw, and the asynchronous methods complete exceptionally with,
 * {@link JsException}, {@link CallTimeoutException}, {@link ContextClosedException},
 * {@link CallQueueFullException} or {@link UnsupportedValueException}.
 */
public interface JsContext extends AutoCloseable {

    /**
     * Calls a global function and waits for its result.
     *
     * @param function the global function's name
     * @param args     its arguments
     * @return its result; an awaited Promise's value
     */
    JsonValue call(String function, JsonValue... args);

    /**
     * Calls a global function without blocking.
     *
     * @param function the global function's name
     * @param args     its arguments
     * @return a stage completed on the runtime thread with the result
     */
    CompletionStage<JsonValue> callAsync(String function, JsonValue... args);

    /**
     * Evaluates source text as a script and waits for its completion value.
     *
     * @param source JavaScript
     * @return the completion value
     */
    JsonValue eval(String source);

    /**
     * Evaluates source text as a script without blocking.
     *
     * @param source JavaScript
     * @return a stage completed on the runtime thread with the completion value
     */
    CompletionStage<JsonValue> evalAsync(String source);

    /**
     * Replaces this context's state by a fresh one with the same scripts, after the calls already queued.
     * Timers of the old state never fire.
     */
    void reset();

    /**
     * @return an approximation of the heap this context holds, in bytes, as the engine measures it (see the
     *         engine's documentation), or -1 if the engine cannot tell
     */
    long memoryBytes();

    /**
     * @return the label from the spec
     */
    String label();

    /**
     * @return the index of the runtime thread that owns this context, from 0
     */
    int threadIndex();

    /**
     * @return false once the context is closed, by {@link #close()}, by its pool, or by the engine
     */
    boolean isOpen();

    /**
     * Registers a listener run once when this context closes, for whatever reason. If it is already closed,
     * the listener runs at once on the calling thread. Listeners run on the thread that closed the context.
     *
     * @param listener the listener
     */
    void onClose(Runnable listener);

    /**
     * Closes the context: queued calls fail with {@link ContextClosedException}, timers are cancelled,
     * and the engine's context is released on its runtime thread. Idempotent; never blocks for long.
     */
    @Override
    void close();
}
