package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;

/**
 * Where an engine delivers the outcome of one call, on the runtime thread. The first outcome wins: whatever the
 * engine delivers after it (a Promise reaction that fires after the call failed, a second completion) is ignored,
 * so engines need no "exactly once" guard.
 *
 * <p>The pool keeps a call's completion reachable for as long as it still awaits the call's outcome, and lets go of
 * it once the call has one or was given up (timed out, its context closed). An engine that hands a completion to
 * JavaScript beyond the call (a Promise reaction) wraps it with {@link #weak}, so a Promise that never settles, kept
 * alive by a script, does not keep every given-up call with it.
 */
public interface Completion {
    /**
     * @param value the result
     */
    void complete(JsonValue value);

    /**
     * @param error a {@link dev.jsctx.pool.JsContextException} subtype (see {@link EngineContext})
     */
    void fail(RuntimeException error);

    /**
     * A completion that passes outcomes on to {@code completion} while the pool still awaits them, and holds it only
     * weakly: once the pool has given up on the call, what a late Promise reaction delivers is dropped.
     *
     * @param completion the call's completion
     * @return the wrapper, for a Promise reaction to hold
     */
    static Completion weak(Completion completion) {
        return new WeakCompletion(completion);
    }
}
