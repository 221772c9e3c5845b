package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;

/**
 * Where an engine delivers the outcome of one call, on the runtime thread. The first outcome wins: whatever the
 * engine delivers after it (a Promise reaction that fires after the call failed, a second completion) is ignored,
 * so engines need no "exactly once" guard.
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
}
