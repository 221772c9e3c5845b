package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.MemoryLimitExceededException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.tck.MemoryLimitKit;
import java.time.Duration;
import java.util.concurrent.CompletionException;
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

    /**
     * Its own pool, so that the engine's first measurement is {@code memoryBytes()} on the runtime thread, not a walk
     * on the guard's walker thread. The bomb is bounded (200 MiB fits the execution's heap) and then spins: judged
     * only after the call, it would end at the time limit instead.
     */
    @Test
    @DisplayName("a bomb stops at its limit while it runs, also when memoryBytes() measured a context first")
    void limitHoldsAfterMemoryBytes() {
        try (ContextPool pool = ContextPool.create(PoolConfig.builder()
                .engine(engineName())
                .threads(1)
                .callTimeout(Duration.ofSeconds(60))
                .build())) {
            ContextSpec spec = ContextSpec.builder()
                    .addScript(Script.ofText("bomb.js", """
                            var keep = [];
                            function bomb() {
                                for (var i = 0; i < 200; i++) { keep.push(new ArrayBuffer(1 << 20)); }
                                while (true) {}
                            }"""))
                    .memoryLimit(16L << 20)
                    .build();
            JsContext measured = pool.open(spec);
            assertTrue(measured.memoryBytes() > 0);
            JsContext bomb = pool.open(spec);
            CompletionException failure = assertThrows(
                    CompletionException.class,
                    () -> bomb.callAsync("bomb").toCompletableFuture().join());
            assertInstanceOf(MemoryLimitExceededException.class, failure.getCause());
        }
    }
}
