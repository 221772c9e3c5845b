package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CounterAppHealthIT {

    @RegisterExtension
    static final CounterAppExtension APP = new CounterAppExtension(CounterApp.Setup.defaults());

    @Test
    @DisplayName("the packaged app starts in its container, reports UP and serves metrics")
    void healthIsUpAndMetricsAreServed(CounterApp app) throws Exception {
        app.healthChecks();

        Metrics metrics = app.metrics();
        assertTrue(
                metrics.total("memory_usedHeap_bytes").orElse(0) > 0,
                () -> "heap use should be reported, got " + metrics.samples().size() + " samples");
        for (String name : List.of(
                "jsctx_contexts_open",
                "jsctx_sessions_active",
                "jsctx_calls_total",
                "jsctx_call_errors_total",
                "jsctx_call_timeouts_total",
                "jsctx_call_latency_seconds_count")) {
            assertTrue(metrics.total(name).isPresent(), () -> name + " is served");
        }
    }

    @Test
    @DisplayName("the container runs GraalJS compiled by the Graal JIT, not the fallback interpreter")
    void poolRunsOptimizedGraalJs(CounterApp app) throws Exception {
        Map<String, JsonObject> checks = app.healthChecks();

        JsonObject pool = checks.get("jsctx-pool");
        assertNotNull(pool, () -> "a pool health check, among " + checks.keySet());
        assertEquals("UP", pool.getString("status"), pool::toString);
        assertEquals("graal", pool.getJsonObject("data").getString("engine"), pool::toString);
        assertEquals("optimized", pool.getJsonObject("data").getString("runtime"), pool::toString);
    }
}
