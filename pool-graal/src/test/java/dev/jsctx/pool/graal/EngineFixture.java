package dev.jsctx.pool.graal;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.tck.EngineHarness;
import dev.jsctx.pool.tck.HarnessContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * One engine for a test class, driven through the SPI by the kit's {@link EngineHarness}; contexts opened by a
 * test are closed after it.
 */
abstract class EngineFixture {
    static EngineHarness harness;
    static GraalEngineInstance engine;

    @BeforeAll
    static void startEngine() {
        harness = EngineHarness.start(new GraalEngineProvider(), Map.of());
        engine = (GraalEngineInstance) harness.engine();
    }

    @AfterAll
    static void stopEngine() {
        harness.close();
    }

    @AfterEach
    void closeContexts() {
        harness.closeContexts();
    }

    HarnessContext open(ApiSurface surface, String... scripts) {
        return harness.open(surface, scripts);
    }

    HarnessContext openWithBudget(long statementBudget, String... scripts) {
        return harness.open(EngineHarness.shape(ApiSurface.NONE, statementBudget, scripts));
    }
}
