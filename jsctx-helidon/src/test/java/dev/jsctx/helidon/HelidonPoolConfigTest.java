package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jsctx.pool.PoolConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the pool's config node")
class HelidonPoolConfigTest {

    @Test
    @DisplayName("every key sets its PoolConfig setting")
    void everyKey() {
        PoolConfig config = HelidonPoolConfig.create(node(Map.of(
                "threads", "3",
                "engine", "rhino",
                "max-contexts", "5",
                "call-timeout", "PT2S",
                "spares-per-spec", "0",
                "max-queued-calls-per-context", "7",
                "close-timeout", "PT3S",
                "hibernate-after", "PT30S",
                "engine-options.rhino.sharedBuiltins", "true",
                "engine-options.js.ecmascript-version", "2022")));

        assertEquals(3, config.threads());
        assertEquals(Optional.of("rhino"), config.engine());
        assertEquals(5, config.maxContexts());
        assertEquals(Duration.ofSeconds(2), config.callTimeout());
        assertEquals(0, config.sparesPerSpec());
        assertEquals(7, config.maxQueuedCallsPerContext());
        assertEquals(Duration.ofSeconds(3), config.closeTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(30)), config.hibernateAfter());
        assertEquals(Map.of("rhino.sharedBuiltins", "true", "js.ecmascript-version", "2022"), config.engineOptions());
    }

    @Test
    @DisplayName("a missing node gives PoolConfig's own defaults")
    void defaults() {
        PoolConfig config = HelidonPoolConfig.create(Config.empty().get("pool"));
        PoolConfig defaults = PoolConfig.defaults();

        assertEquals(defaults.threads(), config.threads());
        assertEquals(defaults.engine(), config.engine());
        assertEquals(defaults.maxContexts(), config.maxContexts());
        assertEquals(defaults.callTimeout(), config.callTimeout());
        assertEquals(defaults.sparesPerSpec(), config.sparesPerSpec());
        assertEquals(defaults.maxQueuedCallsPerContext(), config.maxQueuedCallsPerContext());
        assertEquals(defaults.closeTimeout(), config.closeTimeout());
        assertEquals(defaults.hibernateAfter(), config.hibernateAfter());
        assertEquals(defaults.engineOptions(), config.engineOptions());
    }

    @Test
    @DisplayName("a value of the wrong type or out of range fails with a message naming it")
    void badValues() {
        ConfigException notANumber =
                assertThrows(ConfigException.class, () -> HelidonPoolConfig.create(node(Map.of("threads", "many"))));
        assertEquals(true, notANumber.getMessage().contains("threads"), notANumber.getMessage());
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class, () -> HelidonPoolConfig.create(node(Map.of("max-contexts", "0"))));
        assertEquals(true, zero.getMessage().contains("maxContexts"), zero.getMessage());
    }

    private static Config node(Map<String, String> keys) {
        return Config.just(ConfigSources.create(keys));
    }
}
