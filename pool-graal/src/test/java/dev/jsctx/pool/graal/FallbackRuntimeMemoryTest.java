package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.tck.HarnessContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On Truffle's fallback runtime (these tests run on the class path, without JVMCI) Truffle cannot measure a
 * context: the engine says so instead of guessing. {@link OptimizedRuntimeMemoryTest} covers the other case.
 */
class FallbackRuntimeMemoryTest extends EngineFixture {
    @Test
    @DisplayName("without the optimizing runtime, memoryBytes is -1 and MEMORY_MEASUREMENT is not declared")
    void notMeasured() {
        assertFalse(new GraalEngineProvider().capabilities().contains(EngineCapability.MEMORY_MEASUREMENT));
        HarnessContext ctx = open(ApiSurface.NONE, "let count = 0;");
        assertEquals(-1, ctx.memoryBytes());
    }
}
