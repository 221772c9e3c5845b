package dev.jsctx.pool.spi;

import dev.jsctx.pool.PoolConfig;
import java.util.Set;

/**
 * The entry point of an engine, found with {@link java.util.ServiceLoader}: register the implementation in
 * {@code META-INF/services/dev.jsctx.pool.spi.JsEngineProvider}. Must have a public no-argument constructor and
 * be cheap to instantiate: the pool instantiates every provider on the class path to read its name.
 *
 * <p>Life cycle of what a provider makes: one {@link EngineInstance} per pool (shared by all its threads), one
 * {@link EngineRuntime} per runtime thread, many {@link EngineContext}s per runtime.
 */
public interface JsEngineProvider {
    /** The SPI version this pool-api implements. */
    int API_VERSION = 1;

    /**
     * @return the engine's short name, used to choose it ({@code PoolConfig.engine}, {@code jsctx.engine}),
     *         for example {@code "graal"}
     */
    String name();

    /**
     * @return the SPI version the engine was written against; the pool refuses any other
     */
    default int apiVersion() {
        return API_VERSION;
    }

    /**
     * @return what the engine can do beyond the minimum
     */
    Set<EngineCapability> capabilities();

    /**
     * Creates the engine's shared part for one pool. Called once per pool, on the thread creating the pool.
     *
     * @param config the pool's configuration; {@link PoolConfig#engineOptions()} holds engine options
     * @return the engine instance
     * @throws dev.jsctx.pool.EngineNotAvailableException if the engine cannot start here
     */
    EngineInstance create(PoolConfig config);
}
