package dev.jsctx.counter;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextPool;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The counter's meters on Helidon's {@code /observe/metrics}: calls, call errors, time-outs and a call latency
 * timer (fed by the pool as a {@link CallObserver}), and gauges for contexts open and sessions active.
 */
final class CounterMetrics implements CallObserver {
    private final Counter calls;
    private final Counter callErrors;
    private final Counter callTimeouts;
    private final Timer callLatency;

    CounterMetrics() {
        MeterRegistry registry = Metrics.globalRegistry();
        calls = registry.getOrCreate(Counter.builder("jsctx.calls").description("JS calls finished"));
        callErrors = registry.getOrCreate(Counter.builder("jsctx.call.errors")
                .description("JS calls that failed, time-outs included"));
        callTimeouts = registry.getOrCreate(Counter.builder("jsctx.call.timeouts")
                .description("JS calls interrupted at their time limit"));
        callLatency = registry.getOrCreate(Timer.builder("jsctx.call.latency")
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
        MeterRegistry registry = Metrics.globalRegistry();
        registry.getOrCreate(Gauge.builder("jsctx.contexts.open", () -> pool.stats().contextsOpen())
                .description("JS contexts open"));
        registry.getOrCreate(Gauge.builder("jsctx.sessions.active", sessions::getAsInt)
                .description("Live counter sessions connected"));
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
