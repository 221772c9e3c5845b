package dev.jsctx.helidon;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.PoolStats;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.Objects;

/**
 * A readiness check of a {@link ContextPool}, for Helidon's {@code HealthObserver}: UP while the pool runs, DOWN once
 * it is closed, and DOWN while a runtime thread that died is being replaced (UP again once the pool has healed, see
 * {@link ContextPool#status()}). Its details name the status,
 * the engine and what it says of itself ({@link ContextPool#engineInfo()}, for example {@code runtime: optimized}),
 * the runtime threads, the contexts open and those of them hibernating.
 *
 * {@snippet :
 * HealthObserver.builder().details(true).addCheck(PoolHealthCheck.create(pool)).build();
 * }
 *
 * <p>Thread-safe: Helidon may call it from several request threads at once; each call reads the pool anew.
 */
public final class PoolHealthCheck implements HealthCheck {
    /** The name it has unless given another: {@value}. */
    public static final String DEFAULT_NAME = "jsctx-pool";

    private final ContextPool pool;
    private final String name;

    private PoolHealthCheck(ContextPool pool, String name) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param pool the pool to watch
     * @return a readiness check named {@value #DEFAULT_NAME}
     */
    public static PoolHealthCheck create(ContextPool pool) {
        return create(pool, DEFAULT_NAME);
    }

    /**
     * @param pool the pool to watch
     * @param name the check's name in the health output (and its path, {@code /observe/health/ready/NAME})
     * @return a readiness check
     */
    public static PoolHealthCheck create(ContextPool pool, String name) {
        return new PoolHealthCheck(pool, name);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HealthCheckResponse call() {
        ContextPool.Status status = pool.status();
        HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                .status(status == ContextPool.Status.RUNNING)
                .detail("status", status.name());
        pool.engineInfo().forEach(response::detail);
        PoolStats stats = pool.stats();
        return response.detail("threads", stats.contextsPerThread().size())
                .detail("contextsOpen", stats.contextsOpen())
                .detail("contextsHibernating", stats.contextsHibernating())
                .build();
    }
}
