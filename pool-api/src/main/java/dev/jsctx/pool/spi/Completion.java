package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;

/**
 * Where an engine delivers the outcome of one call. Exactly one of the methods is called, once, on the runtime
 * thread.
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
