package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.awaitCollected;
import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.tck.Await.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.tck.FakeEngine;
import dev.jsctx.pool.tck.Gate;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("spare shelves")
class SpareShelvesTest {

    @Test
    @DisplayName("closing the shelves waits for a spare being handed over, closes the others, and refuses later takes")
    void closeWaitsForHandOver() throws Exception {
        FakeEngine fake = new FakeEngine();
        try (ContextPool created = ContextPool.create(fakePool(fake, 1).build())) {
            RuntimePool pool = (RuntimePool) created;
            RuntimeThread thread = new RuntimeThread(pool, 9, 0, 0);
            thread.start();
            thread.awaitStarted();
            SpareShelves shelves = new SpareShelves(thread, 2);
            ContextSpec spec = ContextSpec.builder()
                    .addScript(Script.ofText("s.js", "n=1"))
                    .label("shelf")
                    .build();
            ContextShape shape = spec.shape();
            Blueprint blueprint =
                    new Blueprint(shape, pool.engine().prepare(shape), "shelf", PATIENCE, FairShare.defaults());
            onThread(thread, () -> {
                        shelves.keep(blueprint);
                        while (shelves.refillOne()) {
                            assertTrue(shelves.ready() <= 2);
                        }
                    })
                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(2, shelves.ready());

            Gate handOver = new Gate();
            CompletableFuture<HostedContext> taker = CompletableFuture.supplyAsync(() -> shelves.take(shape, spare -> {
                handOver.hold();
                return spare;
            }));
            handOver.awaitHeld();
            long closedBefore = fake.closed();
            CompletableFuture<Void> closing = onThread(thread, shelves::closeAll);

            assertThrows(
                    TimeoutException.class,
                    () -> closing.get(200, TimeUnit.MILLISECONDS),
                    "the close waits while a spare is being handed over");
            handOver.open();
            closing.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            HostedContext taken = taker.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

            assertEquals(closedBefore + 1, fake.closed(), "the other spare was closed");
            assertEquals(0, shelves.ready());
            assertNull(shelves.take(shape, spare -> spare), "no take after the close");
            onThread(thread, taken::close).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            thread.requestStop();
            assertTrue(thread.join(System.nanoTime() + PATIENCE.toNanos()));
        }
    }

    @Test
    @DisplayName("a shelf keeps nothing of the host functions of the context it was made for, once that one closed")
    void shelfKeepsNoHostFunctions() {
        FakeEngine fake = new FakeEngine();
        try (ContextPool pool =
                ContextPool.create(fakePool(fake, 1).sparesPerSpec(1).build())) {
            WeakReference<Object> reached = openAndCloseWithHost(pool);
            // the first context of a shape on a thread sets up its shelf; in a web app its host functions reach its
            // page, and through the page its session and its last context
            awaitCollected("what the closed context's host functions reached", reached);
        }
    }

    /**
     * Opens a context whose host function reaches an object, closes it; in a method of its own, so that no local
     * of the test keeps the object.
     *
     * @return a weak reference to that object
     */
    private static WeakReference<Object> openAndCloseWithHost(ContextPool pool) {
        Object page = new Object();
        HostFunctions host = HostFunctions.builder()
                .sync("page", args -> Json.createValue(page.hashCode()))
                .build();
        JsContext context = pool.open(ContextSpec.builder().label("with-host").build(), host);
        assertEquals(JsonValue.TRUE, context.call("echo", JsonValue.TRUE));
        context.close();
        return new WeakReference<>(page);
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
}
