package dev.jsctx.pool;

import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;

/**
 * One isolated JavaScript context: its own globals and state, on one runtime thread of a {@link ContextPool}.
 *
 * <p>Threading and order: any thread, platform or virtual, may use a context. Its requests (calls, evaluations,
 * {@link #reset()}, {@link #memoryBytes()}) run on the runtime thread that owns it, one at a time, in the order
 * they were made; a request made while another is running waits in the context's queue (bounded by
 * {@link PoolConfig#maxQueuedCallsPerContext()}). A call whose result is a Promise completes when the Promise
 * settles, and the next request starts only then, so each request sees every effect of the ones before it.
 * Calls to contexts on other runtime threads run in parallel with it.
 *
 * <p>Time limit: each call may run for the spec's {@link ContextSpec#callTimeout()} (else the pool's), counted
 * from when it starts on the runtime thread, Promise included. Past it, running code is interrupted and the
 * call fails with {@link CallTimeoutException}; the context keeps its state and stays usable, and the runtime
 * thread goes on with the other contexts' calls.
 *
 * <p>Hibernation (only with {@link PoolConfig.Builder#hibernateAfter} or {@link ContextSpec.Builder#hibernateAfter},
 * and a script offering {@code snapshot()} and {@code restore(state)}): a context that stayed idle that long, with
 * nothing pending, is saved and its engine context closed, on its runtime thread between two requests. The context
 * stays open; its next request or message first restores it into a new engine context, then runs, and requests made
 * meanwhile run after it in their order. A restore that fails fails that request with
 * {@link RestoreFailedException} and closes the context.
 *
 * <p>Waiting: the blocking methods wait without being interruptible (like
 * {@link java.util.concurrent.CompletableFuture#join()}); a thread interrupted while waiting keeps its interrupt
 * status. Their wait is bounded by the time limits of the requests ahead of them. Every blocking method has an
 * asynchronous twin ({@code callAsync}, {@code evalAsync}, {@code resetAsync}, {@code memoryBytesAsync}). The
 * asynchronous methods throw nothing but a {@link NullPointerException} for a null argument, at once (a bug in the
 * caller, as {@code HttpClient.sendAsync(null, ...)} reports it); every other failure completes the stage. The
 * stage is completed on the runtime thread, so code chained to it must not block there (a blocking method of a
 * context called on its own runtime thread throws {@link IllegalStateException}). It is a
 * {@link CompletionStage}, the smallest type that composes; {@code toCompletableFuture()} gives the future to
 * {@code join} (completing it yourself does not stop the request). The Java live-view client returns
 * {@code CompletableFuture}, as {@code java.net.http.WebSocket} does; the two are left as they are.
 *
 * <p>Values: arguments and results are JSON-P values, converted as {@code JSON.parse}/{@code JSON.stringify}
 * would, by walking them (no JSON text in between), with the rules below. They are the same on every engine: the
 * conformance kit checks each one.
 * <ul>
 *   <li>Numbers in: a JSON number becomes a JavaScript number (a double): an integer beyond {@code ±2^53}, or a
 *       decimal with more digits than a double holds, arrives rounded to the nearest double.</li>
 *   <li>Numbers out: an integer within {@code ±2^53} comes back as an integral JSON number
 *       ({@link jakarta.json.JsonNumber#isIntegral()}), {@code -0} as {@code 0}; other finite numbers as their
 *       double; {@code NaN} and the infinities as {@link JsonValue#NULL}, wherever they are, as
 *       {@code JSON.stringify} writes them.</li>
 *   <li>A BigInt comes back as its exact integral number. ({@code JSON.stringify} throws on BigInts; a JSON-P
 *       number holds any integer exactly, so nothing is lost. Sent back in, it arrives as a Number, by the first
 *       rule.)</li>
 *   <li>A {@code Date} comes back as the text {@code JSON.stringify} writes, {@code toISOString()}'s
 *       ({@code 2024-01-02T03:04:05.000Z}, years beyond 0-9999 as {@code ±YYYYYY}); an invalid date as
 *       {@link JsonValue#NULL}.</li>
 *   <li>Strings cross unchanged, including surrogate pairs and U+0000 (NUL).</li>
 *   <li>{@code undefined} and array holes become {@link JsonValue#NULL}, in arrays and in objects alike (where
 *       {@code JSON.stringify} would leave the member out: JSON-P can say "present and null", and a key that
 *       silently disappears is harder to debug).</li>
 *   <li>Objects give their own enumerable string-keyed properties; symbol keys are left out.</li>
 *   <li>A result that JSON cannot hold fails the call with {@link UnsupportedValueException}: a function or a
 *       symbol anywhere in it, a cycle (a value reached twice without a cycle is fine), more than 32 nested
 *       arrays or objects, or more than 10,000 values in all (arrays and objects included). The same limits hold
 *       for one call's arguments together.</li>
 *   <li>A call looks its global function up when it runs: a function reassigned by an earlier call, an
 *       evaluation or a timer is the one called.</li>
 * </ul>
 *
 * <p>Errors: the blocking methods throw, and the asynchronous methods complete exceptionally with,
 * {@link JsException} (JavaScript threw, or a returned Promise rejected; a stack overflow is a
 * {@code RangeError}), {@link CallTimeoutException}, {@link ContextClosedException} (or its subtypes
 * {@link PoolClosedException}, {@link StatementBudgetExceededException} and {@link MemoryLimitExceededException}),
 * {@link CallQueueFullException} or
 * {@link UnsupportedValueException}. After any of them but a close, the context stays usable. A blocking method
 * throws a new exception of the same type, made on the calling thread so that its stack trace shows the caller,
 * with the exception from the runtime thread as its cause (as {@code HttpClient.send} does).
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
     * Replaces this context's state by a fresh one with the same scripts, after the requests already queued,
     * and waits for it. Timers of the old state never fire. If the scripts throw while loading, the old state
     * is kept and the {@link JsException} is thrown.
     */
    void reset();

    /**
     * Like {@link #reset()}, without blocking.
     *
     * @return a stage completed on the runtime thread once the fresh state is in place
     */
    CompletionStage<Void> resetAsync();

    /**
     * Measures the heap this context holds now, and waits for the figure. The pool measures only when this is
     * called, never on its own. The measurement is a request like a call: it runs on the context's runtime thread
     * in order with the context's other requests, waits in the same queue (bounded, so it can fail with
     * {@link CallQueueFullException}), and while it runs the runtime thread serves no other context. What it costs
     * depends on the engine: GraalJS walks the context's objects (about 2 ms for a small context on this project's
     * test machine, more for a larger one: BENCHMARKS.md, {@code run.sh memory-cost}), so measure on demand or
     * rarely, not on every event; an engine that cannot measure answers -1 at the cost of a call.
     *
     * @return the bytes of heap this context holds of its own, not counting what it shares with the other contexts
     *         of its engine, as the engine measures it (see the engine's documentation); or -1 if the engine
     *         cannot tell ({@link EngineCapability#MEMORY_MEASUREMENT} missing)
     */
    long memoryBytes();

    /**
     * Like {@link #memoryBytes()}, without blocking.
     *
     * @return a stage completed on the runtime thread with the measurement
     */
    CompletionStage<Long> memoryBytesAsync();

    /**
     * Sends a message to the context's JavaScript: the handler it registered with {@code host.onMessage} runs with
     * it, on the runtime thread, under the call time limit (like a timer task). Never blocks and never throws but a
     * {@link NullPointerException}. Messages run one at a time, in the order sent, after the work already queued on
     * the runtime thread; not after a call awaiting a Promise (a message may be what settles it). Dropped, silently:
     * when the context is closed (now or before its turn), when it was opened without {@link HostFunctions} (it has no
     * {@code host} object), and when no handler is registered when it arrives. What the handler throws is logged as a
     * timer task's error is.
     *
     * @param message the value, converted as a call's argument
     */
    void send(JsonValue message);

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
     * the listener runs at once on the calling thread. Otherwise it runs on the thread that closed the context:
     * the caller of {@link #close()}, or the runtime thread when the engine (a statement budget) or the pool
     * closed it; so it must be quick and must not block. An exception it throws is logged and ignored.
     *
     * @param listener the listener
     */
    void onClose(Runnable listener);

    /**
     * Closes the context: from now on {@link #isOpen()} is false and new requests fail with
     * {@link ContextClosedException}; requests still queued and a call awaiting a Promise fail with it too;
     * a call already running finishes. Timers are cancelled and the engine's context is released on its runtime
     * thread soon after. The pool counts the context closed when this returns. Idempotent; does not wait for
     * the runtime thread.
     */
    @Override
    void close();
}
