package dev.jsctx.helidon;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.PoolStats;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * A pool's meters in a Helidon {@link MeterRegistry}. Served in Prometheus format (dots become underscores, counters
 * get {@code _total}, timers {@code _seconds}) they are {@code jsctx_contexts_open}, {@code jsctx_contexts_hibernating}, {@code jsctx_hibernations_total},
 * {@code jsctx_wakes_total}, {@code jsctx_calls_total},
 * {@code jsctx_call_errors_total}, {@code jsctx_call_timeouts_total} and {@code jsctx_call_latency_seconds}.
 *
 * <p>The counters and the gauge read {@link ContextPool#stats()} when the registry is scraped, so they cost the
 * calls nothing; only the latency timer is fed per call, as the pool's {@link CallObserver}, which is why this
 * object exists before its pool. Thread-safe.
 */
final class PoolMetrics implements CallObserver, AutoCloseable {
    static final String CONTEXTS_OPEN = "jsctx.contexts.open";
    static final String CONTEXTS_HIBERNATING = "jsctx.contexts.hibernating";
    static final String HIBERNATIONS = "jsctx.hibernations";
    static final String WAKES = "jsctx.wakes";
    static final String CALLS = "jsctx.calls";
    static final String CALL_ERRORS = "jsctx.call.errors";
    static final String CALL_TIMEOUTS = "jsctx.call.timeouts";
    static final String CALL_LATENCY = "jsctx.call.latency";
    private static final Set<String> NAMES = Set.of(
            CONTEXTS_OPEN, CONTEXTS_HIBERNATING, HIBERNATIONS, WAKES, CALLS, CALL_ERRORS, CALL_TIMEOUTS, CALL_LATENCY);

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Timer callLatency;

    /**
     * Registers the latency timer.
     *
     * @throws IllegalStateException if the registry holds jsctx meters already (another pool's, not closed)
     */
    PoolMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (!registry.meters(meter -> NAMES.contains(meter.id().name())).isEmpty()) {
            throw new IllegalStateException("The meter registry already holds the meters of another jsctx pool; "
                    + "close its ContextPoolSupport first, or give this one its own registry");
        }
        callLatency = register(Timer.builder(CALL_LATENCY)
                .description("Time from a JS call being made to its result")
                .percentiles(0.5, 0.99));
    }

    /** Registers the meters that read the pool. */
    void watch(ContextPool pool) {
        register(Gauge.builder(CONTEXTS_OPEN, () -> pool.stats().contextsOpen())
                .description("JS contexts open now, spares not included"));
        register(Gauge.builder(CONTEXTS_HIBERNATING, () -> pool.stats().contextsHibernating())
                .description("JS contexts hibernating now: state saved, engine context closed"));
        registerTotal(pool, HIBERNATIONS, "Times a JS context hibernated", PoolStats::hibernations);
        registerTotal(pool, WAKES, "Times a hibernating JS context was restored", PoolStats::wakes);
        registerTotal(pool, CALLS, "JS calls finished, successful or not", PoolStats::calls);
        registerTotal(
                pool, CALL_ERRORS, "JS calls that ended with an error, time-outs included", PoolStats::callsFailed);
        registerTotal(pool, CALL_TIMEOUTS, "JS calls interrupted at their time limit", PoolStats::callsTimedOut);
    }

    @Override
    public void callFinished(String label, long nanos, CallOutcome outcome) {
        callLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Removes every meter this object registered, so a later pool in the same registry starts afresh. */
    @Override
    public void close() {
        synchronized (meters) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }

    private void registerTotal(ContextPool pool, String name, String description, ToLongFunction<PoolStats> total) {
        register(FunctionalCounter.builder(name, pool, p -> total.applyAsLong(p.stats()))
                .description(description));
    }

    private <M extends Meter, B extends Meter.Builder<B, M>> M register(B builder) {
        M meter = registry.getOrCreate(builder);
        synchronized (meters) {
            meters.add(meter);
        }
        return meter;
    }
}
