package dev.jsctx.bench;

import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.JsEngineProvider;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * An engine that runs no JavaScript: every call returns its first argument at once. With it, a benchmark
 * measures the pool's own cost (hand-off to the runtime thread, queueing, completion, waking the caller).
 */
public final class NoopEngineProvider implements JsEngineProvider {
    /** The name to choose it by. */
    public static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsEngine create(Map<String, String> options) {
        return threadIndex -> (shape, prepared, host) -> new NoopContext();
    }

    private static final class NoopContext implements EngineContext {
        @Override
        public void call(String function, List<JsonValue> args, Completion completion) {
            completion.complete(args.isEmpty() ? JsonValue.NULL : args.get(0));
        }

        @Override
        public void eval(String source, Completion completion) {
            completion.complete(JsonValue.NULL);
        }

        @Override
        public void interrupt() {}
    }
}
