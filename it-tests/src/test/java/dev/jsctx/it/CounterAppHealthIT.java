package dev.jsctx.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterAppHealthIT {

    @Test
    @DisplayName("the packaged app starts in its container, reports UP and serves metrics")
    void healthIsUpAndMetricsAreServed() throws Exception {
        CounterApp.test(app -> {
            JsonObject health = app.json("/observe/health");
            assertEquals("UP", health.getString("status"), health::toString);

            Metrics metrics = app.metrics();
            assertTrue(metrics.total("memory_usedHeap_bytes").orElse(0) > 0,
                    () -> "heap use should be reported, got " + metrics.samples().size() + " samples");
        });
    }
}
