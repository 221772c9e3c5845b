package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.UnsupportedCapabilityException;
import dev.jsctx.pool.tck.HarnessContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On Truffle's fallback runtime (these tests run on the class path, without JVMCI) Truffle cannot measure a
 * context: the engine says so instead of guessing, and refuses memory limits. {@link OptimizedRuntimeMemoryTest} and
 * {@link GraalMemoryLimitTest} cover the other case.
 */
class FallbackRuntimeMemoryTest extends EngineFixture {
    @Test
    @DisplayName("without the optimizing runtime, memoryBytes is -1 and MEMORY_MEASUREMENT is not declared")
    void notMeasured() {
        assertFalse(new GraalEngineProvider().capabilities().contains(EngineCapability.MEMORY_MEASUREMENT));
        HarnessContext ctx = open(ApiSurface.NONE, "let count = 0;");
        assertEquals(-1, ctx.memoryBytes());
    }

    @Test
    @DisplayName("without the optimizing runtime, MEMORY_LIMIT is not declared and a context with a limit is refused")
    void limitRefused() {
        assertFalse(new GraalEngineProvider().capabilities().contains(EngineCapability.MEMORY_LIMIT));
        try (ContextPool pool = ContextPool.create(
                PoolConfig.builder().engine(GraalEngineProvider.NAME).threads(1).build())) {
            ContextSpec limited = ContextSpec.builder().memoryLimit(16L << 20).build();
            UnsupportedCapabilityException refused =
                    assertThrows(UnsupportedCapabilityException.class, () -> pool.open(limited));
            assertEquals(EngineCapability.MEMORY_LIMIT, refused.capability());
        }
    }
}
