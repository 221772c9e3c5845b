package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.PoolTesting.spec;
import static dev.jsctx.pool.tck.Await.awaitTrue;
import static dev.jsctx.pool.tck.Await.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.tck.FakeEngine;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("closing")
class CloseTest {
    private final FakeEngine fake = new FakeEngine();

    @Test
    @DisplayName("closing a context is idempotent, runs its listeners once, and later requests fail clearly")
    void contextCloseIsIdempotent() throws Throwable {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
            JsContext ctx = pool.open(spec("closing"));
            AtomicInteger heard = new AtomicInteger();
            ctx.onClose(heard::incrementAndGet);
            ctx.onClose(() -> {
                throw new IllegalStateException("listener bug");
            });
            ctx.onClose(heard::incrementAndGet);
            ctx.close();
            ctx.close();
            assertFalse(ctx.isOpen());
            assertEquals(2, heard.get());
            ctx.onClose(heard::incrementAndGet);
            assertEquals(3, heard.get(), "a listener added after close runs at once");
            assertEquals(0, pool.stats().contextsOpen());
            assertEquals(1, pool.stats().closes());
            assertThrows(ContextClosedException.class, () -> ctx.call("echo", JsonValue.TRUE));
            assertThrows(ContextClosedException.class, () -> ctx.eval("echo"));
            assertThrows(ContextClosedException.class, ctx::reset);
            assertThrows(ContextClosedException.class, ctx::memoryBytes);
            assertThrows(ContextClosedException.class, () -> join(ctx.callAsync("echo", JsonValue.TRUE)));
            pool.open(spec("probe")).call("echo", JsonValue.TRUE); // the release ran before this, in order
            assertEquals(1, fake.closed(), "the engine context was released once");
        }
    }

    @Test
    @DisplayName("calls queued on a context fail with ContextClosedException when it closes")
    void queuedCallsFailOnClose() throws Throwable {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                JsContext busy = pool.open(spec("busy"));
                JsContext closing = pool.open(spec("closing"))) {
            CompletableFuture<JsonValue> holding = busy.callAsync("hold").toCompletableFuture();
            fake.gate().awaitHeld();
            List<CompletableFuture<JsonValue>> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(closing.callAsync("echo", Json.createValue(i)).toCompletableFuture());
            }
            closing.close();
            fake.gate().open();
            assertEquals(JsonValue.TRUE, join(holding));
            for (CompletableFuture<JsonValue> call : queued) {
                assertThrows(ContextClosedException.class, () -> join(call));
            }
        }
    }

    @Test
    @DisplayName("a call awaiting a Promise fails with ContextClosedException when its context closes")
    void pendingPromiseFailsOnClose() throws Throwable {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
            JsContext ctx = pool.open(spec("pending", Duration.ofSeconds(30)));
            CompletableFuture<JsonValue> pending =
                    ctx.callAsync("arriveThenNever").toCompletableFuture();
            fake.gate().awaitHeld();
            ctx.close();
            assertThrows(ContextClosedException.class, () -> join(pending));
        }
    }

    @Test
    @DisplayName("a call past its statement budget closes its context")
    void statementBudgetClosesContext() {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
            JsContext ctx = pool.open(
                    ContextSpec.builder().statementBudget(1000).label("budget").build());
            AtomicInteger heard = new AtomicInteger();
            ctx.onClose(heard::incrementAndGet);
            assertThrows(StatementBudgetExceededException.class, () -> ctx.call("budget"));
            assertFalse(ctx.isOpen());
            assertEquals(1, heard.get());
            ContextClosedException later =
                    assertThrows(ContextClosedException.class, () -> ctx.call("echo", JsonValue.TRUE));
            assertTrue(later.getMessage().contains("budget ran out"), later.getMessage());
            assertEquals(0, pool.stats().contextsOpen());
        }
    }

    @Test
    @DisplayName(
            "closing the pool closes every context, interrupts running calls, stops its threads, and refuses later use")
    void poolCloseClosesEverything() throws Throwable {
        ContextPool pool = ContextPool.create(fakePool(fake, 2).sparesPerSpec(1).build());
        FakeEngine.Instance engine = fake.lastInstance();
        List<JsContext> contexts = new ArrayList<>();
        AtomicInteger heard = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            JsContext ctx = pool.open(spec("c" + i, Duration.ofMinutes(1)));
            ctx.onClose(heard::incrementAndGet);
            contexts.add(ctx);
        }
        CompletableFuture<JsonValue> running =
                contexts.get(0).callAsync("arriveThenSpin").toCompletableFuture();
        fake.gate().awaitHeld();
        CompletableFuture<JsonValue> queuedBehind =
                contexts.get(0).callAsync("echo", JsonValue.TRUE).toCompletableFuture();
        CompletableFuture<JsonValue> pending =
                contexts.get(1).callAsync("never").toCompletableFuture();

        pool.close();
        pool.close();

        assertEquals(4, heard.get());
        contexts.forEach(ctx -> assertFalse(ctx.isOpen()));
        assertThrows(PoolClosedException.class, () -> join(running));
        assertThrows(PoolClosedException.class, () -> join(queuedBehind));
        assertThrows(PoolClosedException.class, () -> join(pending));
        assertThrows(PoolClosedException.class, () -> contexts.get(2).call("echo", JsonValue.TRUE));
        assertThrows(PoolClosedException.class, () -> pool.open(spec("late")));
        assertThrows(PoolClosedException.class, () -> join(pool.openAsync(spec("late"))));
        assertTrue(engine.isClosed(), "the engine instance is closed");
        assertTrue(engine.closedAfterRuntimes(), "after every runtime");
        assertEquals(0, pool.stats().contextsOpen());
        awaitTrue("no spare is left", () -> pool.stats().sparesReady() == 0);
    }

    @Test
    @DisplayName("an engine reporting its context dead closes it: listeners run, later calls say why")
    void engineReportsDeath() {
        try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
            JsContext ctx = pool.open(spec("dying"));
            AtomicInteger heard = new AtomicInteger();
            ctx.onClose(heard::incrementAndGet);
            ctx.call("die");
            assertFalse(ctx.isOpen());
            assertEquals(1, heard.get());
            ContextClosedException later =
                    assertThrows(ContextClosedException.class, () -> ctx.call("echo", JsonValue.TRUE));
            assertTrue(later.getMessage().contains("lost its context"), later.getMessage());
            assertEquals(0, pool.stats().contextsOpen());
            pool.open(spec("probe")).call("echo", JsonValue.TRUE); // the release ran before this, in order
            assertEquals(1, fake.closed(), "the dead engine context was released");
        }
    }
}
