package dev.jsctx.counter;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextPool;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The counter's meters on Helidon's {@code /observe/metrics}: calls, call errors, time-outs and a call latency
 * timer (fed by the pool as a {@link CallObserver}), and gauges for contexts open and sessions active.
 */
final class CounterMetrics implements CallObserver, AutoCloseable {
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();
    private final Counter calls;
    private final Counter callErrors;
    private final Counter callTimeouts;
    private final Timer callLatency;

    CounterMetrics() {
        calls = register(Counter.builder("jsctx.calls").description("JS calls finished"));
        callErrors =
                register(Counter.builder("jsctx.call.errors").description("JS calls that failed, time-outs included"));
        callTimeouts = register(
                Counter.builder("jsctx.call.timeouts").description("JS calls interrupted at their time limit"));
        callLatency = register(Timer.builder("jsctx.call.latency")
                .description("Time from a JS call being made to its result")
                .percentiles(0.5, 0.99));
    }

    /**
     * Registers the gauges that read the pool and the sessions.
     *
     * @param pool     the pool
     * @param sessions how many live sessions are connected
     */
    void registerGauges(ContextPool pool, IntSupplier sessions) {
        register(Gauge.builder("jsctx.contexts.open", () -> pool.stats().contextsOpen())
                .description("JS contexts open"));
        register(Gauge.builder("jsctx.sessions.active", sessions::getAsInt)
                .description("Live counter sessions connected"));
    }

    /**
     * Removes this app's meters from the global registry, so a later app in the same JVM (a test) starts afresh
     * instead of finding gauges that read a closed pool.
     */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }

    private <M extends Meter, B extends Meter.Builder<B, M>> M register(B builder) {
        M meter = registry.getOrCreate(builder);
        meters.add(meter);
        return meter;
    }

    @Override
    public void callFinished(String label, long nanos, CallOutcome outcome) {
        calls.increment();
        callLatency.record(nanos, TimeUnit.NANOSECONDS);
        if (outcome != CallOutcome.OK) {
            callErrors.increment();
        }
        if (outcome == CallOutcome.TIMEOUT) {
            callTimeouts.increment();
        }
    }
}
