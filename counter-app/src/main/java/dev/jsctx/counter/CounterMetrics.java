package dev.jsctx.counter;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.util.function.IntSupplier;

/**
 * The counter's own meter on Helidon's {@code /observe/metrics}: {@code jsctx_sessions_active}, the live sessions
 * connected. The pool's meters are {@code jsctx-helidon}'s.
 */
final class CounterMetrics implements AutoCloseable {
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Meter sessionsActive;

    /**
     * @param sessions how many live sessions are connected
     */
    CounterMetrics(IntSupplier sessions) {
        sessionsActive = registry.getOrCreate(Gauge.builder("jsctx.sessions.active", sessions::getAsInt)
                .description("Live counter sessions connected"));
    }

    /**
     * Removes the meter from the global registry, so a later app in the same JVM (a test) starts afresh instead of
     * finding a gauge that reads closed sessions.
     */
    @Override
    public void close() {
        registry.remove(sessionsActive);
    }
}
