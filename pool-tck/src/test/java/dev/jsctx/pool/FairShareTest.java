package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.tck.Await.awaitTrue;
import static dev.jsctx.pool.tck.Await.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.tck.FakeEngine;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("fair share of a runtime thread")
class FairShareTest {
    private static final Duration LIMIT = Duration.ofMillis(200);
    private static final Duration PROBATION_LIMIT = Duration.ofMillis(20);

    private static final Completion IGNORED = new Completion() {
        @Override
        public void complete(JsonValue value) {}

        @Override
        public void fail(RuntimeException error) {}
    };

    private final FakeEngine fake = new FakeEngine();

    private static ContextSpec spec(String label, FairShare fairShare) {
        return ContextSpec.builder()
                .label(label)
                .callTimeout(LIMIT)
                .fairShare(fairShare)
                .build();
    }

    @Test
    @DisplayName("after its first time-out a context's calls get the shorter probation time limit")
    void probationShortensTheLimit() {
        FairShare fairShare = FairShare.builder()
                .share(1)
                .probationCallTimeout(PROBATION_LIMIT)
                .build();
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext hostile = pool.open(spec("hostile", fairShare))) {
            assertEquals(
                    LIMIT,
                    assertThrows(CallTimeoutException.class, () -> hostile.call("spin"))
                            .limit());
            for (int i = 0; i < 3; i++) {
                CallTimeoutException timeout = assertThrows(CallTimeoutException.class, () -> hostile.call("spin"));
                assertEquals(PROBATION_LIMIT, timeout.limit());
                assertTrue(timeout.elapsed().compareTo(PROBATION_LIMIT) >= 0, timeout.getMessage());
                assertTrue(timeout.getMessage().contains("interrupted after"), timeout.getMessage());
            }
            assertEquals(JsonValue.TRUE, hostile.call("echo", JsonValue.TRUE), "it still serves quick calls");
        }
    }

    @Test
    @DisplayName("a context on probation is deferred after each run, and its neighbour's calls pass its waiting ones")
    void deferredContextIsPassed() {
        // a 20 ms run at a 1 % share is paid back by a pause of about 2 s
        FairShare fairShare = FairShare.builder()
                .share(0.01)
                .probationCallTimeout(PROBATION_LIMIT)
                .build();
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext hostile = pool.open(spec("hostile", fairShare));
                JsContext neighbour = pool.open(spec("neighbour", fairShare))) {
            assertThrows(CallTimeoutException.class, () -> hostile.call("spin")); // starts probation
            assertThrows(CallTimeoutException.class, () -> hostile.call("spin")); // paid back from now on
            CompletableFuture<JsonValue> waiting =
                    hostile.callAsync("echo", JsonValue.TRUE).toCompletableFuture();
            assertEquals(JsonValue.FALSE, neighbour.call("echo", JsonValue.FALSE));
            assertFalse(waiting.isDone(), "the deferred context's call waits while its neighbour's runs");
            assertEquals(JsonValue.TRUE, join(waiting), "and runs once the pause is over");
        }
    }

    @Test
    @DisplayName("a context that keeps running into its limit on probation is closed with CpuShareExceededException")
    void repeatedTimeoutsClose() {
        FairShare fairShare = FairShare.builder()
                .share(1)
                .probationCallTimeout(PROBATION_LIMIT)
                .maxTimeouts(2)
                .build();
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext hostile = pool.open(spec("hostile", fairShare));
                JsContext neighbour = pool.open(spec("neighbour", fairShare))) {
            assertThrows(CallTimeoutException.class, () -> hostile.call("spin"));
            assertThrows(CallTimeoutException.class, () -> hostile.call("spin"));
            CpuShareExceededException closed =
                    assertThrows(CpuShareExceededException.class, () -> hostile.call("spin"));
            assertTrue(closed.getMessage().contains("'hostile' ran into its time limit 2 times"), closed.getMessage());
            assertFalse(hostile.isOpen());
            assertThrows(CpuShareExceededException.class, () -> hostile.call("echo", JsonValue.TRUE));
            assertEquals(JsonValue.TRUE, neighbour.call("echo", JsonValue.TRUE), "the neighbour is not touched");
        }
    }

    @Test
    @DisplayName("timer tasks count against the same share: a context whose timers keep spinning is closed too")
    void timersCount() {
        fake.define("spinInTimers", (c, args, done) -> {
            for (int i = 0; i < 3; i++) {
                c.host().schedule(0, () -> c.call("spin", List.of(), IGNORED)); // call: clears the interrupt flag
            }
            done.complete(JsonValue.TRUE);
        });
        FairShare fairShare = FairShare.builder()
                .share(1)
                .probationCallTimeout(PROBATION_LIMIT)
                .maxTimeouts(2)
                .build();
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext hostile = pool.open(spec("hostile", fairShare))) {
            assertEquals(JsonValue.TRUE, hostile.call("spinInTimers"));
            awaitTrue("the context is closed", () -> !hostile.isOpen());
            assertThrows(CpuShareExceededException.class, () -> hostile.call("echo", JsonValue.TRUE));
        }
    }

    @Test
    @DisplayName("FairShare.off() keeps the full time limit and never closes a context for its time-outs")
    void off() {
        try (ContextPool pool = ContextPool.create(
                        fakePool(fake, 1).fairShare(FairShare.off()).build());
                JsContext ctx = pool.open(
                        ContextSpec.builder().label("off").callTimeout(LIMIT).build())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        LIMIT,
                        assertThrows(CallTimeoutException.class, () -> ctx.call("spin"))
                                .limit());
            }
            assertTrue(ctx.isOpen());
        }
    }
}
