package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.PoolTesting.spec;
import static dev.jsctx.pool.tck.Await.awaitTrue;
import static dev.jsctx.pool.tck.Await.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.tck.FakeEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("status")
class StatusTest {
    private final FakeEngine fake = new FakeEngine();

    @Test
    @DisplayName("an open pool whose threads all run is RUNNING; once close began it is CLOSED")
    void runningThenClosed() {
        ContextPool pool = ContextPool.create(fakePool(fake, 2).build());
        assertEquals(ContextPool.Status.RUNNING, pool.status());
        pool.close();
        assertEquals(ContextPool.Status.CLOSED, pool.status());
    }

    @Test
    @DisplayName("an Error escaping onto a runtime thread kills it: its call fails saying so, and the pool heals")
    void deadRuntimeThread() {
        fake.define("killThread", (c, args, done) -> {
            throw new OutOfMemoryError("simulated, to kill the runtime thread");
        });
        try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build())) {
            JsContext doomed = pool.open(spec("doomed"));
            ContextClosedException failed =
                    assertThrows(ContextClosedException.class, () -> join(doomed.callAsync("killThread")));
            assertTrue(failed.getMessage().contains("runtime thread jsctx-runtime-0 died"), failed.getMessage());
            awaitTrue("the pool has healed", () -> pool.status() == ContextPool.Status.RUNNING);
        }
    }
}
