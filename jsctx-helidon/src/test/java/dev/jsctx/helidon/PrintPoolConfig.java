package dev.jsctx.helidon;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.PoolConfig;
import io.helidon.config.Config;

/**
 * Prints the pool's settings as Helidon's default config ({@code Config.create()}: environment variables, system
 * properties, {@code application.yaml}) gives them, one {@code name=value} a line. Run by
 * {@link PoolConfigFromEnvironmentTest} in a child JVM, because a JVM cannot change its own environment.
 */
final class PrintPoolConfig {
    private PrintPoolConfig() {}

    public static void main(String[] args) {
        PoolConfig config = HelidonPoolConfig.create(Config.create().get("pool"));
        System.out.println("threads=" + config.threads());
        System.out.println("engine=" + config.engine().orElse(""));
        System.out.println("max-contexts=" + config.maxContexts());
        System.out.println("call-timeout=" + config.callTimeout());
        System.out.println("spares-per-spec=" + config.sparesPerSpec());
        System.out.println("max-queued-calls-per-context=" + config.maxQueuedCallsPerContext());
        System.out.println("close-timeout=" + config.closeTimeout());
        System.out.println("hibernate-after="
                + config.hibernateAfter().map(Object::toString).orElse(""));
        BrowserLimits browser = config.browserLimits();
        System.out.println("browser-limits.max-pending-timers=" + browser.maxPendingTimers());
        System.out.println("browser-limits.min-timer-delay=" + browser.minTimerDelay());
        System.out.println("browser-limits.max-log-line-bytes=" + browser.maxLogLineBytes());
        System.out.println("browser-limits.log-bytes-per-second=" + browser.logBytesPerSecond());
        config.engineOptions().forEach((key, value) -> System.out.println("engine-options." + key + "=" + value));
    }
}
