package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.awaitCollected;
import static dev.jsctx.pool.PoolTesting.fakePool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.pool.tck.FakeEngine;
import jakarta.json.JsonValue;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("memory guard")
class MemoryGuardTest {
    /** Far above anything a fake context allocates: the guard watches its calls but never walks it. */
    private static final long LIMIT = 1L << 30;

    @Test
    @DisplayName("a closed context with a memory limit becomes garbage: the guard keeps none of its calls' contexts")
    void closedContextIsCollectable() {
        FakeEngine fake = new FakeEngine();
        AtomicReference<WeakReference<Object>> engineContext = new AtomicReference<>();
        fake.define("capture", (ctx, args, done) -> {
            engineContext.set(new WeakReference<>(ctx));
            done.complete(JsonValue.TRUE);
        });
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
            runOnceAndClose(pool);
            // the slot of the thread's last limited call held it, and a bombed context's whole heap with it,
            // until the thread's next limited call
            awaitCollected("the engine context of the closed context", engineContext.get());
        }
    }

    /** In a method of its own, so that no local of the test keeps the context. */
    private static void runOnceAndClose(ContextPool pool) {
        JsContext context = pool.open(
                ContextSpec.builder().label("limited").memoryLimit(LIMIT).build());
        assertEquals(JsonValue.TRUE, context.call("capture"));
        context.close();
    }
}
