package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.HostFunctions;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.PoolStats;
import dev.jsctx.pool.RestoreFailedException;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance kit's chapter on hibernation ({@link PoolConfig.Builder#hibernateAfter}): an idle context whose
 * script offers {@code snapshot()} and {@code restore(state)} is saved and its engine context closed, and the next
 * call or message restores it. An engine module extends it with one small class, as it does {@link HostKit}.
 *
 * <p>The pool has one runtime thread, so the pool's looks at idle contexts run in the order they fall due: once a
 * context made idle later has hibernated, every context made idle before it has been looked at too. That is how the
 * chapter checks that a context does <em>not</em> hibernate without depending on how long anything takes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HibernationKit extends PoolKit {
    /** The pool's idle time: short, since every wait polls with a deadline anyway. */
    private static final Duration IDLE = Duration.ofMillis(50);

    /** ECMAScript 5 with Promises: every engine runs it. {@code unsaved} is not in the snapshot. */
    private static final Script PAIR_SCRIPT = Script.ofText("hibernation-kit.js", """
            var count = 0;
            var unsaved = 0;
            var log = [];
            var poisoned = false;
            function inc() { count++; unsaved++; return count; }
            function get() { return {count: count, unsaved: unsaved, log: log}; }
            function append(v) { log.push(v); return log.length; }
            function snapshot() { return {count: count, log: log, poisoned: poisoned}; }
            function restore(state) {
              if (state.poisoned) { throw new TypeError('this state cannot be restored'); }
              count = state.count;
              log = state.log;
            }
            function poison() { poisoned = true; return true; }
            function hang() { return new Promise(function () { }); }
            function startHostCall() { host.call('wait').then(function (v) { append(v); }); return 0; }
            if (typeof host !== 'undefined') { host.onMessage(function (m) { append(m); }); }
            """);
    /** A counter without the pair, and one with only half of it. */
    private static final Script NO_PAIR_SCRIPT = Script.ofText("no-pair.js", """
            var count = 0;
            function inc() { count++; return count; }
            """);

    private static final Script HALF_PAIR_SCRIPT = Script.ofText("half-pair.js", """
            var count = 0;
            function inc() { count++; return count; }
            function snapshot() { return count; }
            """);

    /**
     * @return the engine's name, as its provider's {@code name()} says
     */
    protected abstract String engineName();

    @BeforeAll
    void startPool() {
        pool = ContextPool.create(PoolConfig.builder()
                .engine(engineName())
                .threads(1)
                .hibernateAfter(IDLE)
                .build());
    }

    @Override
    @AfterEach
    void closeContexts() {
        super.closeContexts();
        Await.awaitTrue("every context of the test is closed, and none counts as hibernating any more", () -> {
            PoolStats stats = pool.stats();
            return stats.contextsOpen() == 0 && stats.contextsHibernating() == 0;
        });
    }

    @Test
    @DisplayName("contexts never hibernate unless a time is configured")
    void offByDefault() {
        assertTrue(PoolConfig.defaults().hibernateAfter().isEmpty());
        assertTrue(ContextSpec.builder().build().hibernateAfter().isEmpty());
    }

    @Test
    @DisplayName("an idle context hibernates; the next call restores it from its snapshot, in a new engine context")
    void hibernatesAndWakes() {
        PoolStats before = pool.stats();
        JsContext ctx = open(spec("sleeper"), null);
        for (int i = 1; i <= 3; i++) {
            assertEquals(Json.createValue(i), ctx.call("inc"));
        }
        awaitHibernations(before, 1);
        assertEquals(1, pool.stats().contextsHibernating());
        assertTrue(ctx.isOpen(), "a hibernating context stays open");

        JsonObject state = ctx.call("get").asJsonObject();
        assertEquals(3, state.getInt("count"), "the count comes back from the snapshot");
        assertEquals(0, state.getInt("unsaved"), "what the snapshot left out is gone: the engine context is new");
        assertEquals(Json.createValue(4), ctx.call("inc"));
        PoolStats after = pool.stats();
        assertTrue(after.wakes() > before.wakes(), "counted as a wake: " + after);
        assertEquals(1, after.contextsOpen());

        awaitHibernations(before, 2); // idle again: hibernates again, and wakes with the count it had then
        assertEquals(Json.createValue(5), ctx.call("inc"));
    }

    @Test
    @DisplayName("calls queued while a context wakes run after the restore, in the order they were made")
    void queuedCallsKeepTheirOrder() {
        PoolStats before = pool.stats();
        JsContext ctx = open(spec("queue"), null);
        ctx.call("append", Json.createValue("first"));
        awaitHibernations(before, 1);
        List<CompletionStage<JsonValue>> stages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stages.add(ctx.callAsync("append", Json.createValue(i)));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(Json.createValue(i + 2), Await.join(stages.get(i)));
        }
        var log = Json.createArrayBuilder().add("first");
        for (int i = 0; i < 20; i++) {
            log.add(i);
        }
        assertEquals(log.build(), ctx.call("get").asJsonObject().get("log"));
    }

    @Test
    @DisplayName("a pending timer, a host call in flight or a call awaiting its Promise keeps a context awake")
    void pendingWorkKeepsItAwake() throws InterruptedException {
        PoolStats before = pool.stats();
        boolean timers = pool.capabilities().contains(EngineCapability.BROWSER_API);
        boolean host = pool.capabilities().contains(EngineCapability.HOST_FUNCTIONS);
        JsContext withTimer = null;
        if (timers) {
            withTimer = open(spec("timer", ApiSurface.BROWSER), null);
            withTimer.eval("var pending = setTimeout(function () { append('timer'); }, 600000); 0");
        }
        CountDownLatch gate = new CountDownLatch(1);
        JsContext withHostCall = null;
        if (host) {
            HostFunctions functions = HostFunctions.builder()
                    .async("wait", Duration.ofMinutes(1), args -> {
                        if (!gate.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new IllegalStateException("the test never opened the gate");
                        }
                        return Json.createValue("host answered");
                    })
                    .build();
            withHostCall = open(spec("host-call"), functions);
            withHostCall.call("startHostCall");
        }
        JsContext awaiting = open(
                ContextSpec.builder()
                        .addScript(PAIR_SCRIPT)
                        .label("awaiting")
                        .callTimeout(Duration.ofMinutes(5)) // the Promise may take that long: the call stays open
                        .build(),
                null);
        CompletionStage<JsonValue> hanging = awaiting.callAsync("hang");

        JsContext control = open(spec("control"), null); // idle after every other one
        control.call("inc");
        awaitHibernations(before, 1);
        assertEquals(1, pool.stats().contextsHibernating(), "only the control hibernated");

        int freed = 0;
        if (withTimer != null) {
            withTimer.eval("clearTimeout(pending); 0");
            freed++;
        }
        if (withHostCall != null) {
            gate.countDown();
            freed++;
        }
        awaitHibernations(before, 1 + freed); // with nothing pending any more, they hibernate too
        assertEquals(1 + freed, pool.stats().contextsHibernating());
        if (withHostCall != null) {
            assertEquals(
                    Json.createArrayBuilder().add("host answered").build(),
                    withHostCall.call("get").asJsonObject().get("log"),
                    "the host call's outcome was kept in its snapshot");
        }
        awaiting.close();
        assertInstanceOf(ContextClosedException.class, Await.failure(hanging));
    }

    @Test
    @DisplayName("a script without both snapshot() and restore() never hibernates, and keeps its state")
    void noPairNeverHibernates() {
        PoolStats before = pool.stats();
        JsContext none = open(
                ContextSpec.builder().addScript(NO_PAIR_SCRIPT).label("no-pair").build(), null);
        JsContext half = open(
                ContextSpec.builder()
                        .addScript(HALF_PAIR_SCRIPT)
                        .label("half-pair")
                        .build(),
                null);
        none.call("inc");
        half.call("inc");
        JsContext control = open(spec("control"), null);
        control.call("inc");
        awaitHibernations(before, 1);
        assertEquals(1, pool.stats().contextsHibernating(), "only the control hibernated");
        assertEquals(Json.createValue(2), none.call("inc"), "its engine context was never closed");
        assertEquals(Json.createValue(2), half.call("inc"));
    }

    @Test
    @DisplayName("a spec's own idle time wins over the pool's")
    void specOverridesPool() {
        PoolStats before = pool.stats();
        JsContext patient = open(
                ContextSpec.builder()
                        .addScript(PAIR_SCRIPT)
                        .label("patient")
                        .hibernateAfter(Duration.ofHours(1))
                        .build(),
                null);
        patient.call("inc");
        JsContext control = open(spec("control"), null);
        control.call("inc");
        awaitHibernations(before, 1);
        assertEquals(1, pool.stats().contextsHibernating(), "only the control hibernated");
    }

    @Test
    @DisplayName("a restore that fails fails the call clearly, closes the context, and fails what was queued behind")
    void failingRestoreClosesTheContext() {
        PoolStats before = pool.stats();
        JsContext ctx = open(spec("poisoned"), null);
        ctx.call("inc");
        ctx.call("poison");
        awaitHibernations(before, 1);
        List<CompletionStage<JsonValue>> stages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stages.add(ctx.callAsync("inc"));
        }
        RestoreFailedException failed = assertInstanceOf(RestoreFailedException.class, Await.failure(stages.get(0)));
        assertTrue(
                failed.getMessage().contains("Context 'poisoned' could not be woken from hibernation"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("TypeError: this state cannot be restored"), failed.getMessage());
        assertFalse(ctx.isOpen(), "closed before the caller saw the failure");
        for (int i = 1; i < 3; i++) {
            assertInstanceOf(ContextClosedException.class, Await.failure(stages.get(i)));
        }
        assertThrows(RestoreFailedException.class, () -> ctx.call("get"));
        PoolStats after = pool.stats();
        assertEquals(0, after.contextsHibernating());
        assertEquals(before.wakes(), after.wakes(), "a failed restore is not a wake");
    }

    @Test
    @DisplayName("a hibernating context closes and resets like any other")
    void closeAndResetWhileHibernating() {
        PoolStats before = pool.stats();
        JsContext closing = open(spec("closing"), null);
        JsContext resetting = open(spec("resetting"), null);
        closing.call("inc");
        resetting.call("inc");
        awaitHibernations(before, 2);
        closing.close();
        assertFalse(closing.isOpen());
        assertThrows(ContextClosedException.class, () -> closing.call("get"));
        Await.awaitTrue(
                "the closed context leaves the count", () -> pool.stats().contextsHibernating() == 1);

        resetting.reset();
        assertEquals(0, resetting.call("get").asJsonObject().getInt("count"), "a reset drops the saved state");
    }

    @Test
    @DisplayName("a message (JsContext.send) wakes a hibernating context, and its handler sees the restored state")
    void messagesWakeIt() {
        if (!pool.capabilities().contains(EngineCapability.HOST_FUNCTIONS)) {
            return;
        }
        PoolStats before = pool.stats();
        JsContext ctx = open(spec("inbox"), HostFunctions.builder().build());
        ctx.call("append", Json.createValue("before"));
        awaitHibernations(before, 1);
        ctx.send(Json.createValue("hello")); // queued before the call below: its handler runs first
        assertEquals(
                Json.createArrayBuilder().add("before").add("hello").build(),
                ctx.call("get").asJsonObject().get("log"),
                "the handler ran in the restored context");
        assertTrue(pool.stats().wakes() > before.wakes());
    }

    private void awaitHibernations(PoolStats before, long more) {
        Await.awaitTrue(
                more + " more hibernation(s) than " + before.hibernations() + " (now " + pool.stats() + ")",
                () -> pool.stats().hibernations() >= before.hibernations() + more);
    }

    private JsContext open(ContextSpec spec, HostFunctions host) {
        JsContext ctx = host == null ? pool.open(spec) : pool.open(spec, host);
        opened.add(ctx);
        return ctx;
    }

    private static ContextSpec spec(String label) {
        return spec(label, ApiSurface.NONE);
    }

    private static ContextSpec spec(String label, ApiSurface surface) {
        return ContextSpec.builder()
                .addScript(PAIR_SCRIPT)
                .apiSurface(surface)
                .label(label)
                .build();
    }
}
