package dev.jsctx.examples.pool;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;

/** README's "Use the pool without a web page": a pool, one context, a blocking and an asynchronous call. */
public final class PoolExample {
    private PoolExample() {}

    /**
     * Prints {@code 5 then 6}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(countTwice());
    }

    static String countTwice() {
        // tag::pool[]
        PoolConfig config = PoolConfig.builder().threads(2).build(); // the engine: the one on the class path
        try (ContextPool pool = ContextPool.create(config)) {
            ContextSpec spec = ContextSpec.builder()
                    .addScript(Script.ofText("counter.js", "let count = 0; function inc(n) { return count += n; }"))
                    .build();
            try (JsContext counter = pool.open(spec)) {
                JsonValue five = counter.call("inc", Json.createValue(5)); // blocks; fine on a virtual thread
                CompletionStage<JsonValue> six = counter.callAsync("inc", Json.createValue(1)); // runs after it
                return five + " then " + six.toCompletableFuture().join();
            }
        }
        // end::pool[]
    }
}
