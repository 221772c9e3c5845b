package dev.jsctx.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.EngineNotAvailableException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pool as the {@code pool} configuration node describes it. */
class CounterPoolTest {

    @Test
    @DisplayName("threads and engine come from the configuration")
    void threadsAndEngine() {
        try (ContextPool pool = CounterPool.start(pool(Map.of("threads", "3", "engine", "rhino")), CallObserver.NONE)) {
            assertEquals(3, pool.stats().contextsPerThread().size());
            assertEquals("rhino", pool.engineInfo().get("engine"));
        }
    }

    @Test
    @DisplayName("engine-options reach the engine as they are: an option GraalJS does not know stops the start")
    void engineOptionsReachTheEngine() {
        EngineNotAvailableException error = assertThrows(
                EngineNotAvailableException.class,
                () -> CounterPool.start(
                                pool(Map.of("engine", "graal", "engine-options.js.no-such-option", "1")),
                                CallObserver.NONE)
                        .close());
        assertTrue(error.getMessage().contains("no-such-option"), error.getMessage());
    }

    /** A {@code pool} node holding just these keys. */
    private static Config pool(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
