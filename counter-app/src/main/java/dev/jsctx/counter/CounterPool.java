package dev.jsctx.counter;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.Script;

/**
 * The spec of a counter context, and how the app names its pool's engine. The pool itself comes from the
 * {@code pool} config node through {@code jsctx-helidon}.
 */
final class CounterPool {
    /** Every tab's context: {@code counter.js}, bare ECMAScript (the counter needs no Web APIs). */
    static final ContextSpec COUNTER_SPEC = ContextSpec.builder()
            .addScript(Script.ofResource(CounterPool.class.getClassLoader(), "counter.js"))
            .label("counter")
            .build();

    private CounterPool() {}

    /**
     * @return how the pool's engine runs JavaScript, for people: for example "graal (optimized)"
     */
    static String runtimeDescription(ContextPool pool) {
        var info = pool.engineInfo();
        String engine = info.getOrDefault("engine", "?");
        String runtime = info.get("runtime");
        return runtime == null ? engine : engine + " (" + runtime + ")";
    }
}
