package dev.jsctx.helidon;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.PoolConfig;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Map;

/**
 * Reads a {@link PoolConfig} from a Helidon config node, usually {@code config.get("pool")}. Every setting of
 * {@link PoolConfig.Builder} but the call observer has a key; a key that is missing keeps {@link PoolConfig}'s own
 * default, so the defaults live in one place.
 *
 * <table>
 * <caption>Keys, relative to the node</caption>
 * <tr><th>key</th><th>type</th><th>sets</th><th>default</th></tr>
 * <tr><td>{@code threads}</td><td>int</td><td>{@link PoolConfig.Builder#threads}</td>
 *     <td>the number of available processors</td></tr>
 * <tr><td>{@code engine}</td><td>string</td><td>{@link PoolConfig.Builder#engine}</td>
 *     <td>the system property {@code jsctx.engine}, else the only engine on the class path</td></tr>
 * <tr><td>{@code max-contexts}</td><td>int</td><td>{@link PoolConfig.Builder#maxContexts}</td><td>100000</td></tr>
 * <tr><td>{@code call-timeout}</td><td>ISO-8601 duration</td><td>{@link PoolConfig.Builder#callTimeout}</td>
 *     <td>{@code PT5S}</td></tr>
 * <tr><td>{@code spares-per-spec}</td><td>int</td><td>{@link PoolConfig.Builder#sparesPerSpec}</td><td>2</td></tr>
 * <tr><td>{@code max-queued-calls-per-context}</td><td>int</td>
 *     <td>{@link PoolConfig.Builder#maxQueuedCallsPerContext}</td><td>1000</td></tr>
 * <tr><td>{@code close-timeout}</td><td>ISO-8601 duration</td><td>{@link PoolConfig.Builder#closeTimeout}</td>
 *     <td>{@code PT5S}</td></tr>
 * <tr><td>{@code hibernate-after}</td><td>ISO-8601 duration</td><td>{@link PoolConfig.Builder#hibernateAfter}</td>
 *     <td>none: contexts never hibernate</td></tr>
 * <tr><td>{@code browser-limits.max-pending-timers}</td><td>int</td>
 *     <td>{@link BrowserLimits.Builder#maxPendingTimers}</td><td>1000</td></tr>
 * <tr><td>{@code browser-limits.min-timer-delay}</td><td>ISO-8601 duration</td>
 *     <td>{@link BrowserLimits.Builder#minTimerDelay}</td><td>{@code PT0.004S}</td></tr>
 * <tr><td>{@code browser-limits.max-log-line-bytes}</td><td>int</td>
 *     <td>{@link BrowserLimits.Builder#maxLogLineBytes}</td><td>8192</td></tr>
 * <tr><td>{@code browser-limits.log-bytes-per-second}</td><td>int</td>
 *     <td>{@link BrowserLimits.Builder#logBytesPerSecond}</td><td>65536</td></tr>
 * <tr><td>{@code engine-options.*}</td><td>strings</td><td>{@link PoolConfig.Builder#engineOption}, one per
 *     leaf, its key relative to {@code engine-options} (for example {@code js.ecmascript-version})</td>
 *     <td>none</td></tr>
 * </table>
 *
 * <p>Helidon's default config ({@code Config.create()}) also reads environment variables: a key is found under its
 * upper-case form with every dot and dash written as {@code _}, so {@code pool.max-contexts} is
 * {@code POOL_MAX_CONTEXTS}. Engine options keep their dots and dashes apart, so there a dash is written
 * {@code _dash_}: {@code POOL_ENGINE_dash_OPTIONS_JS_ECMASCRIPT_dash_VERSION=2022} sets
 * {@code js.ecmascript-version}.
 *
 * <p>A value of the wrong type fails with Helidon's {@link io.helidon.config.ConfigException}; one out of range
 * with the {@link IllegalArgumentException} of the builder's setter.
 */
public final class HelidonPoolConfig {
    private HelidonPoolConfig() {}

    /**
     * A builder holding every key present in the node; the caller may add more (such as a call observer) and build.
     *
     * @param pool the node holding the keys, for example {@code config.get("pool")}; it need not exist
     * @return a new builder; builders are not thread-safe
     */
    public static PoolConfig.Builder builder(Config pool) {
        PoolConfig.Builder builder = PoolConfig.builder();
        pool.get("threads").asInt().ifPresent(builder::threads);
        pool.get("engine").asString().ifPresent(builder::engine);
        pool.get("max-contexts").asInt().ifPresent(builder::maxContexts);
        pool.get("call-timeout").as(Duration.class).ifPresent(builder::callTimeout);
        pool.get("spares-per-spec").asInt().ifPresent(builder::sparesPerSpec);
        pool.get("max-queued-calls-per-context").asInt().ifPresent(builder::maxQueuedCallsPerContext);
        pool.get("close-timeout").as(Duration.class).ifPresent(builder::closeTimeout);
        pool.get("hibernate-after").as(Duration.class).ifPresent(builder::hibernateAfter);
        pool.get("engine-options").detach().asMap().orElse(Map.of()).forEach(builder::engineOption);
        Config browser = pool.get("browser-limits");
        if (browser.exists()) {
            builder.browserLimits(browserLimits(browser));
        }
        return builder;
    }

    private static BrowserLimits browserLimits(Config browser) {
        BrowserLimits.Builder limits = BrowserLimits.builder();
        browser.get("max-pending-timers").asInt().ifPresent(limits::maxPendingTimers);
        browser.get("min-timer-delay").as(Duration.class).ifPresent(limits::minTimerDelay);
        browser.get("max-log-line-bytes").asInt().ifPresent(limits::maxLogLineBytes);
        browser.get("log-bytes-per-second").asInt().ifPresent(limits::logBytesPerSecond);
        return limits.build();
    }

    /**
     * @param pool the node holding the keys, for example {@code config.get("pool")}; it need not exist
     * @return the configuration the node describes
     */
    public static PoolConfig create(Config pool) {
        return builder(pool).build();
    }
}
