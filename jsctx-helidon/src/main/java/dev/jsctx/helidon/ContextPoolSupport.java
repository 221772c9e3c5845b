package dev.jsctx.helidon;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.PoolConfig;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.util.Objects;

/**
 * A {@link ContextPool} for a Helidon SE application: made from a config node ({@link HelidonPoolConfig} lists the
 * keys), its meters in Helidon's metrics, and a readiness check to hand to the {@code HealthObserver}.
 *
 * {@snippet :
 * ContextPoolSupport jsctx = ContextPoolSupport.create(config.get("pool"));
 * WebServer.builder()
 *         .config(config.get("server"))
 *         .addFeature(ObserveFeature.just(
 *                 HealthObserver.builder().details(true).addCheck(jsctx.healthCheck()).build(),
 *                 MetricsObserver.create()))
 *         .routing(routing -> routing.get("/inc", (req, res) -> res.send(inc(jsctx.pool()))))
 *         .build()
 *         .start();
 * // at shutdown, after the server stopped:
 * jsctx.close();
 * }
 *
 * <p>The meters, served at {@code /observe/metrics} in Prometheus format: {@code jsctx_contexts_open} (gauge),
 * {@code jsctx_calls_total}, {@code jsctx_call_errors_total}, {@code jsctx_call_timeouts_total} (counters) and
 * {@code jsctx_call_latency_seconds} (timer, with the median and the 99th percentile). One pool's meters at a time per
 * registry: a second support on the same registry fails to build until the first is closed.
 *
 * <p>Threading: every method may be called from any thread; {@link #pool()} is the pool, with its own guarantees.
 * Building blocks the caller until the pool's runtime threads run.
 */
public final class ContextPoolSupport implements AutoCloseable {
    private final ContextPool pool;
    private final PoolMetrics metrics;
    private final PoolHealthCheck healthCheck;

    private ContextPoolSupport(ContextPool pool, PoolMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
        this.healthCheck = PoolHealthCheck.create(pool);
    }

    /**
     * Starts a pool as the node describes it, with its meters in {@link Metrics#globalRegistry()}, the registry
     * Helidon's {@code MetricsObserver} serves.
     *
     * @param pool the pool's node, for example {@code config.get("pool")}; it need not exist
     * @return the running pool and what observes it
     * @throws dev.jsctx.pool.EngineNotAvailableException if the engine cannot be found or started
     */
    public static ContextPoolSupport create(Config pool) {
        return builder().config(pool).build();
    }

    /**
     * @return a new builder; builders are not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the pool
     */
    public ContextPool pool() {
        return pool;
    }

    /**
     * @return the pool's readiness check, named {@value PoolHealthCheck#DEFAULT_NAME}
     */
    public HealthCheck healthCheck() {
        return healthCheck;
    }

    /**
     * Closes the pool (see {@link ContextPool#close()}) and then removes its meters. Idempotent.
     */
    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            metrics.close();
        }
    }

    @Override
    public String toString() {
        return "ContextPoolSupport[" + pool + "]";
    }

    /**
     * Builds a {@link ContextPoolSupport}. Not thread-safe.
     */
    public static final class Builder implements io.helidon.common.Builder<Builder, ContextPoolSupport> {
        private Config config = Config.empty();
        private MeterRegistry registry;

        private Builder() {}

        /**
         * Sets the pool's config node. If not invoked, an empty node: every {@link PoolConfig} default.
         *
         * @param pool the node holding the keys of {@link HelidonPoolConfig}, for example {@code config.get("pool")}
         * @return this builder
         */
        public Builder config(Config pool) {
            this.config = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Sets the registry of the pool's meters. If not invoked, {@link Metrics#globalRegistry()}.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Starts the pool and registers its meters.
         *
         * @return the running pool and what observes it
         * @throws dev.jsctx.pool.EngineNotAvailableException if the engine cannot be found or started
         * @throws IllegalStateException                      if the registry holds another pool's meters
         */
        @Override
        public ContextPoolSupport build() {
            PoolMetrics metrics = new PoolMetrics(registry != null ? registry : Metrics.globalRegistry());
            ContextPool pool;
            try {
                pool = ContextPool.create(
                        HelidonPoolConfig.builder(config).callObserver(metrics).build());
            } catch (RuntimeException e) {
                metrics.close();
                throw e;
            }
            metrics.watch(pool);
            return new ContextPoolSupport(pool, metrics);
        }
    }
}
