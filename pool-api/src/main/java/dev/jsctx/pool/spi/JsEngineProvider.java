package dev.jsctx.pool.spi;

import dev.jsctx.pool.EngineCapability;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of an engine, found with {@link java.util.ServiceLoader}: register the implementation in
 * {@code META-INF/services/dev.jsctx.pool.spi.JsEngineProvider}. Must have a public no-argument constructor and
 * be cheap to instantiate: the pool instantiates every provider on the class path to read its name.
 *
 * <p>Life cycle of what a provider makes: one {@link JsEngine} per pool (shared by all its threads), one
 * {@link EngineRuntime} per runtime thread, many {@link EngineContext}s per runtime. An engine author writes seven
 * methods: {@link #name()}, {@link #create}, {@link JsEngine#newRuntime}, {@link EngineRuntime#createContext},
 * {@link EngineContext#call}, {@link EngineContext#eval} and {@link EngineContext#interrupt}; every other method
 * has a default.
 */
public interface JsEngineProvider {
    /** The SPI version this pool-api implements. */
    int API_VERSION = 2;

    /**
     * @return the engine's short name, used to choose it ({@code PoolConfig.engine}, {@code jsctx.engine}),
     *     for example {@code "graal"}
     */
    String name();

    /**
     * @return the SPI version the engine was written against; the pool refuses any other
     */
    default int apiVersion() {
        return API_VERSION;
    }

    /**
     * @implSpec The default declares none.
     * @return what the engine can do beyond the minimum
     */
    default Set<EngineCapability> capabilities() {
        return Set.of();
    }

    /**
     * Creates the engine's shared part for one pool. Called once per pool, on the thread creating the pool.
     *
     * @param options the pool's engine options ({@link dev.jsctx.pool.PoolConfig#engineOptions()}), immutable;
     *     the engine documents the keys it reads and refuses bad values
     * @return the engine
     * @throws dev.jsctx.pool.EngineNotAvailableException if the engine cannot start here
     */
    JsEngine create(Map<String, String> options);
}
