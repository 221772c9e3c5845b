package dev.jsctx.counter;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Map;

/**
 * The app's one context pool, configured from the {@code pool} node, and the spec of a counter context.
 */
final class CounterPool {
    /** Every tab's context: {@code counter.js}, bare ECMAScript (the counter needs no Web APIs). */
    static final ContextSpec COUNTER_SPEC = ContextSpec.builder()
            .addScript(Script.ofResource(CounterPool.class.getClassLoader(), "counter.js"))
            .label("counter")
            .build();

    private CounterPool() {}

    /**
     * Starts the pool.
     *
     * @param config   the {@code pool} node: {@code threads}, {@code engine}, {@code max-contexts},
     *                 {@code call-timeout}, and {@code engine-options}, passed to the engine as they are (for example
     *                 {@code rhino.sharedBuiltins: true}); application.yaml sets the app's values, and a key left
     *                 out takes {@link PoolConfig}'s default, the one place the pool's defaults are declared
     * @param observer told of every call, for metrics
     * @return the running pool
     */
    static ContextPool start(Config config, CallObserver observer) {
        PoolConfig.Builder builder = PoolConfig.builder().callObserver(observer);
        config.get("threads").asInt().ifPresent(builder::threads);
        config.get("max-contexts").asInt().ifPresent(builder::maxContexts);
        config.get("call-timeout").as(Duration.class).ifPresent(builder::callTimeout);
        config.get("engine").asString().ifPresent(builder::engine);
        config.get("engine-options").detach().asMap().orElse(Map.of()).forEach(builder::engineOption);
        return ContextPool.create(builder.build());
    }

    /**
     * @return how the pool's engine runs JavaScript, for people: for example "GraalJS, JIT"
     */
    static String runtimeDescription(ContextPool pool) {
        var info = pool.engineInfo();
        String engine = info.getOrDefault("engine", "?");
        String runtime = info.get("runtime");
        return runtime == null ? engine : engine + " (" + runtime + ")";
    }
}
