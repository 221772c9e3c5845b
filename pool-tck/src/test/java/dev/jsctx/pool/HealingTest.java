package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.PoolTesting.spec;
import static dev.jsctx.pool.tck.Await.awaitTrue;
import static dev.jsctx.pool.tck.Await.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.tck.FakeEngine;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a pool that heals")
class HealingTest {
    private final FakeEngine fake = new FakeEngine();

    HealingTest() {
        fake.define("killThread", (c, args, done) -> {
            throw new OutOfMemoryError("simulated, to kill the runtime thread");
        });
    }

    @Test
    @DisplayName("a runtime thread that dies is replaced: its contexts fail clearly, new contexts go to the new thread,"
            + " and the status is RUNTIME_THREAD_DIED until the dead thread closed its contexts, then RUNNING")
    void deadThreadIsReplaced() throws InterruptedException {
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch letClose = new CountDownLatch(1);
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
            JsContext doomed = pool.open(spec("doomed"));
            JsContext sibling = pool.open(spec("sibling"));
            String deadThread = text(sibling.call("threadName"));
            // Runs on the dying thread while it closes its contexts: holds the pool in its degraded state.
            doomed.onClose(() -> {
                closing.countDown();
                awaitQuietly(letClose);
            });

            ContextClosedException died =
                    assertThrows(ContextClosedException.class, () -> join(doomed.callAsync("killThread")));
            assertTrue(
                    died.getMessage().contains("runtime thread " + deadThread + " died of java.lang.OutOfMemoryError"),
                    died.getMessage());
            assertTrue(closing.await(30, TimeUnit.SECONDS), "the dead thread closes its contexts");
            assertEquals(ContextPool.Status.RUNTIME_THREAD_DIED, pool.status());

            JsContext fresh = pool.open(spec("fresh"));
            assertEquals(0, fresh.threadIndex());
            assertNotEquals(deadThread, text(fresh.call("threadName")), "never placed on the dead thread");
            assertEquals(JsonValue.TRUE, fresh.call("echo", JsonValue.TRUE));

            letClose.countDown();
            awaitTrue("the pool has healed", () -> pool.status() == ContextPool.Status.RUNNING);
            assertFalse(sibling.isOpen());
            ContextClosedException closed =
                    assertThrows(ContextClosedException.class, () -> sibling.call("echo", JsonValue.TRUE));
            assertTrue(
                    closed.getMessage().contains("'sibling' was closed: its runtime thread " + deadThread + " died"),
                    closed.getMessage());
            assertEquals(JsonValue.TRUE, fresh.call("echo", JsonValue.TRUE));
            assertEquals(1, pool.stats().contextsOpen());
        } finally {
            letClose.countDown();
        }
    }

    @Test
    @DisplayName("a pool heals again and again: each replacement thread can die and be replaced in turn")
    void healsRepeatedly() {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build())) {
            for (int round = 0; round < 3; round++) {
                JsContext doomed = pool.open(spec("doomed"));
                doomed.call("echo", JsonValue.TRUE);
                assertThrows(ContextClosedException.class, () -> join(doomed.callAsync("killThread")));
                awaitTrue("the pool has healed", () -> pool.status() == ContextPool.Status.RUNNING);
            }
            JsContext a = pool.open(spec("a"));
            JsContext b = pool.open(spec("b"));
            assertEquals(JsonValue.TRUE, a.call("echo", JsonValue.TRUE));
            assertEquals(JsonValue.TRUE, b.call("echo", JsonValue.TRUE));
            assertNotEquals(a.threadIndex(), b.threadIndex(), "both threads serve again");
            assertEquals(5, pool.stats().calls(), "the calls finished on dead threads still count");
        }
    }

    @Test
    @DisplayName("the watchdog survives an Error thrown by an engine's interrupt: later calls still time out")
    void watchdogSurvivesAnError() {
        AtomicBoolean armed = new AtomicBoolean(true);
        fake.onInterrupt(() -> {
            if (armed.getAndSet(false)) {
                throw new OutOfMemoryError("simulated, in the watchdog");
            }
        });
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext runaway = pool.open(spec("runaway", Duration.ofMillis(50)))) {
            assertThrows(CallTimeoutException.class, () -> runaway.call("spin"));
            assertFalse(armed.get(), "the first interrupt threw");
            assertThrows(CallTimeoutException.class, () -> runaway.call("spin"));
            assertEquals(ContextPool.Status.RUNNING, pool.status());
        }
    }

    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
