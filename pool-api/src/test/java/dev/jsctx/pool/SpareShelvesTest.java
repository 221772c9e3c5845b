package dev.jsctx.pool;

import static dev.jsctx.pool.Conditions.PATIENCE;
import static dev.jsctx.pool.PoolTesting.fakePool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.spi.PreparedScripts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("spare shelves")
class SpareShelvesTest {

    @Test
    @DisplayName("closing the shelves waits for a spare being handed over, closes the others, and refuses later takes")
    void closeWaitsForHandOver() throws Exception {
        try (ContextPool created = ContextPool.create(fakePool(1).build())) {
            RuntimePool pool = (RuntimePool) created;
            RuntimeThread thread = new RuntimeThread(pool, 9, 0);
            thread.start();
            thread.awaitStarted();
            SpareShelves shelves = new SpareShelves(thread, 2);
            ContextSpec spec = ContextSpec.builder()
                    .addScript(Script.ofText("s.js", "n=1"))
                    .label("shelf")
                    .build();
            ShapeKey shape = ShapeKey.of(spec);
            PreparedScripts prepared = pool.engine().prepare(spec);
            onThread(thread, () -> {
                        shelves.keep(shape, spec, prepared, PATIENCE.toNanos());
                        while (shelves.refillOne()) {
                            assertTrue(shelves.ready() <= 2);
                        }
                    })
                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(2, shelves.ready());

            CountDownLatch handingOver = new CountDownLatch(1);
            CountDownLatch handedOver = new CountDownLatch(1);
            CompletableFuture<HostedContext> taker = CompletableFuture.supplyAsync(() -> shelves.take(shape, spare -> {
                handingOver.countDown();
                await(handedOver);
                return spare;
            }));
            assertTrue(handingOver.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            long closedBefore = FakeEngine.CLOSED.get();
            CompletableFuture<Void> closing = onThread(thread, shelves::closeAll);

            assertThrows(
                    TimeoutException.class,
                    () -> closing.get(200, TimeUnit.MILLISECONDS),
                    "the close waits while a spare is being handed over");
            handedOver.countDown();
            closing.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            HostedContext taken = taker.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

            assertFalse(taken.isClosed(), "the spare handed over is its taker's to close");
            assertEquals(closedBefore + 1, FakeEngine.CLOSED.get(), "the other spare was closed");
            assertEquals(0, shelves.ready());
            assertNull(shelves.take(shape, spare -> spare), "no take after the close");
            onThread(thread, taken::close).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            thread.requestStop();
            assertTrue(thread.join(System.nanoTime() + PATIENCE.toNanos()));
        }
    }

    private static CompletableFuture<Void> onThread(RuntimeThread thread, Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.submit(Work.chore(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        }));
        return done;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
