package dev.jsctx.bench;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload every benchmark shares: the counter app's own {@code counter.js}, in pools of a given engine.
 */
final class Counters {
    static final int THREADS = 2;
    static final JsonValue ONE = Json.createValue(1);
    static final Script COUNTER_JS = Script.ofResource("counter.js");

    private Counters() {}

    static ContextPool pool(String engine, int threads) {
        return pool(engine, threads, PoolConfig.builder().sparesPerSpec(2));
    }

    static ContextPool pool(String engine, int threads, PoolConfig.Builder config) {
        return ContextPool.create(
                config.engine(engine).threads(threads).maxContexts(1_000_000).build());
    }

    static ContextSpec spec(ApiSurface surface) {
        return ContextSpec.builder()
                .addScript(COUNTER_JS)
                .apiSurface(surface)
                .label("counter")
                .build();
    }

    static List<JsContext> open(ContextPool pool, int count) {
        return open(pool, count, ApiSurface.NONE);
    }

    static List<JsContext> open(ContextPool pool, int count, ApiSurface surface) {
        ContextSpec spec = spec(surface);
        List<JsContext> contexts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            contexts.add(pool.open(spec));
        }
        return contexts;
    }
}
