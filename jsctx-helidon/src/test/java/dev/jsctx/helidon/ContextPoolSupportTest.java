package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.EngineNotAvailableException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ContextPoolSupport")
class ContextPoolSupportTest {

    @Test
    @DisplayName("the pool is started as the config node says")
    void poolFromConfig() {
        try (ContextPoolSupport jsctx = ContextPoolSupport.create(node(Map.of("threads", "3", "engine", "rhino")))) {
            assertEquals(3, jsctx.pool().stats().contextsPerThread().size());
            assertEquals("rhino", jsctx.pool().engineInfo().get("engine"));
        }
    }

    @Test
    @DisplayName("engine-options reach the engine as they are: a bad one stops the start, and no meter is left behind")
    void engineOptionsReachTheEngine() {
        EngineNotAvailableException error = assertThrows(
                EngineNotAvailableException.class,
                () -> ContextPoolSupport.create(
                                node(Map.of("engine", "rhino", "engine-options.rhino.maxStackDepth", "zero")))
                        .close());
        assertTrue(error.getMessage().contains("rhino.maxStackDepth"), error.getMessage());
        assertTrue(Metrics.globalRegistry()
                .meters(meter -> meter.id().name().startsWith("jsctx."))
                .isEmpty());
    }

    @Test
    @DisplayName("the support's meters leave the registry when it closes, so the next pool's can come")
    void metersLeaveWithThePool() {
        MeterRegistry registry = Metrics.globalRegistry();
        Config config = node(Map.of("engine", "rhino", "threads", "1"));
        ContextPoolSupport first = ContextPoolSupport.builder()
                .config(config)
                .meterRegistry(registry)
                .build();
        assertTrue(registry.gauge(PoolMetrics.CONTEXTS_OPEN, List.of()).isPresent());
        IllegalStateException twice = assertThrows(
                IllegalStateException.class,
                () -> ContextPoolSupport.builder()
                        .config(config)
                        .meterRegistry(registry)
                        .build());
        assertTrue(twice.getMessage().contains("another jsctx pool"), twice.getMessage());

        first.close();

        assertTrue(
                registry.meters(meter -> meter.id().name().startsWith("jsctx.")).isEmpty());
        ContextPoolSupport.builder()
                .config(config)
                .meterRegistry(registry)
                .build()
                .close();
    }

    private static Config node(Map<String, String> keys) {
        return Config.just(ConfigSources.create(keys));
    }
}
