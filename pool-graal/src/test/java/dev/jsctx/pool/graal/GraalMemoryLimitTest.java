package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.tck.MemoryLimitKit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The memory-limit chapter against GraalJS, in the pom's {@code memory-limit} execution: Truffle's optimizing runtime
 * (which alone measures a context's heap) and a 512 MB heap. {@link FallbackRuntimeMemoryTest} shows the refusal
 * on the fallback runtime.
 */
class GraalMemoryLimitTest extends MemoryLimitKit {
    @Override
    protected String engineName() {
        return GraalEngineProvider.NAME;
    }

    @Test
    @DisplayName("this execution runs on Truffle's optimizing runtime, so the kit tests the limit, not its refusal")
    void limitDeclared() {
        assertTrue(
                new GraalEngineProvider().capabilities().contains(EngineCapability.MEMORY_LIMIT),
                "not on Truffle's optimizing runtime: check the memory-limit execution's JVM flags");
    }
}
