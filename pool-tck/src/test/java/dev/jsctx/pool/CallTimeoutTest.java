package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.PoolTesting.spec;
import static dev.jsctx.pool.tck.Await.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.tck.FakeEngine;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("time limits")
class CallTimeoutTest {
    private final FakeEngine fake = new FakeEngine();

    @Test
    @DisplayName(
            "a runaway call is interrupted at its limit, fails with CallTimeoutException, and the context keeps its state")
    void runawayCallIsInterrupted() {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext ctx = pool.open(spec("runaway", Duration.ofMillis(100)))) {
            ctx.call("set", Json.createValue("kept"), Json.createValue(42));
            CallTimeoutException timeout = assertThrows(CallTimeoutException.class, () -> ctx.call("spin"));
            assertEquals(Duration.ofMillis(100), timeout.limit());
            assertEquals(42, ((JsonNumber) ctx.call("get", Json.createValue("kept"))).intValue());
            assertEquals(1, pool.stats().callsTimedOut());
        }
    }

    @Test
    @DisplayName("a context on the same thread runs right after the runaway call is cut off")
    void sameThreadNeighbourRunsAfter() throws Throwable {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext runaway = pool.open(spec("runaway", Duration.ofMillis(200)));
                JsContext neighbour = pool.open(spec("neighbour"))) {
            CompletableFuture<JsonValue> spin =
                    runaway.callAsync("arriveThenSpin").toCompletableFuture();
            fake.gate().awaitHeld();
            CompletableFuture<JsonValue> waiting =
                    neighbour.callAsync("echo", JsonValue.TRUE).toCompletableFuture();
            assertEquals(JsonValue.TRUE, join(waiting));
            assertTrue(spin.isDone(), "the neighbour ran only once the runaway call was cut off");
            assertThrows(CallTimeoutException.class, () -> join(spin));
        }
    }

    @Test
    @DisplayName("a context on another thread is never blocked by a runaway call")
    void otherThreadIsNotBlocked() throws Throwable {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build());
                JsContext runaway = pool.open(spec("runaway", Duration.ofSeconds(3)));
                JsContext other = pool.open(spec("other"))) {
            CompletableFuture<JsonValue> spin =
                    runaway.callAsync("arriveThenSpin").toCompletableFuture();
            fake.gate().awaitHeld();
            assertEquals(JsonValue.TRUE, other.call("echo", JsonValue.TRUE));
            assertFalse(spin.isDone(), "the other thread answered while the runaway call still ran");
            assertThrows(CallTimeoutException.class, () -> join(spin));
        }
    }

    @Test
    @DisplayName("an engine interrupt stuck on one runtime thread does not delay the time limits of another")
    void stuckInterruptDelaysNoOtherThread() throws Throwable {
        CountDownLatch unstick = new CountDownLatch(1);
        fake.onInterrupt(() -> {
            if (Thread.currentThread().getName().equals("jsctx-watchdog-0")) {
                awaitQuietly(unstick); // an engine whose interrupt of thread 0 hangs
            }
        });
        try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build());
                JsContext stuck = pool.open(spec("stuck", Duration.ofMillis(50)));
                JsContext other = pool.open(spec("other", Duration.ofMillis(50)))) {
            assertEquals(0, stuck.threadIndex());
            assertEquals(1, other.threadIndex());
            CompletableFuture<JsonValue> hanging = stuck.callAsync("spin").toCompletableFuture();
            for (int i = 0; i < 3; i++) {
                assertThrows(CallTimeoutException.class, () -> join(other.callAsync("spin")));
            }
            assertFalse(hanging.isDone(), "thread 0 still waits for its interrupt to return");
            unstick.countDown();
            assertThrows(CallTimeoutException.class, () -> join(hanging));
        } finally {
            unstick.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("a call whose Promise never settles fails at its limit, and the next call then runs")
    void unsettledPromiseTimesOut() throws Throwable {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext ctx = pool.open(spec("promise", Duration.ofMillis(100)))) {
            CompletableFuture<JsonValue> never = ctx.callAsync("never").toCompletableFuture();
            CompletableFuture<JsonValue> next =
                    ctx.callAsync("echo", JsonValue.TRUE).toCompletableFuture();
            assertThrows(CallTimeoutException.class, () -> join(never));
            assertEquals(JsonValue.TRUE, join(next));
            assertEquals(Json.createValue(7), ctx.call("later", Json.createValue(10), Json.createValue(7)));
        }
    }

    @Test
    @DisplayName("a runaway timer task is interrupted too, and the context's calls run again")
    void runawayTimerTaskIsInterrupted() {
        fake.define("spinInTimer", (c, args, done) -> {
            c.host().schedule(0, c::spinUntilInterrupted);
            done.complete(JsonValue.TRUE);
        });
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext ctx = pool.open(ContextSpec.builder()
                        .label("timer")
                        .callTimeout(Duration.ofMillis(100))
                        // the full limit on probation too: the quick call below must not have to fit 10 ms on a
                        // loaded machine (FairShareTest covers probation)
                        .fairShare(FairShare.builder()
                                .probationCallTimeout(Duration.ofMillis(100))
                                .build())
                        .build())) {
            assertEquals(JsonValue.TRUE, ctx.call("spinInTimer"));
            assertEquals(Json.createValue(3), ctx.call("later", Json.createValue(50), Json.createValue(3)));
        }
    }
}
