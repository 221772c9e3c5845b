package dev.jsctx.bench;

import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineCapability;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineInstance;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.JsEngineProvider;
import dev.jsctx.pool.spi.PreparedScripts;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An engine that runs no JavaScript: every call returns its first argument at once. With it, a benchmark
 * measures the pool's own cost (hand-off to the runtime thread, queueing, completion, waking the caller).
 */
public final class NoopEngineProvider implements JsEngineProvider {
    /** The name to choose it by. */
    public static final String NAME = "noop";

    private static final PreparedScripts NOTHING_PREPARED = new PreparedScripts() {};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<EngineCapability> capabilities() {
        return Set.of();
    }

    @Override
    public EngineInstance create(PoolConfig config) {
        return new EngineInstance() {
            @Override
            public PreparedScripts prepare(ContextSpec spec) {
                return NOTHING_PREPARED;
            }

            @Override
            public EngineRuntime newRuntime(int threadIndex) {
                return new NoopRuntime();
            }

            @Override
            public Map<String, String> describe() {
                return Map.of("engine", NAME, "version", "1");
            }

            @Override
            public void close() {}
        };
    }

    private static final class NoopRuntime implements EngineRuntime {
        @Override
        public EngineContext createContext(ContextSpec spec, PreparedScripts prepared, ContextHost host) {
            return new NoopContext();
        }

        @Override
        public void close() {}
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

        @Override
        public long memoryBytes() {
            return -1;
        }

        @Override
        public void close() {}
    }
}
