package dev.jsctx.pool;

import static dev.jsctx.pool.PoolTesting.fakePool;
import static dev.jsctx.pool.PoolTesting.spec;
import static dev.jsctx.pool.tck.Await.awaitTrue;
import static dev.jsctx.pool.tck.Await.failure;
import static dev.jsctx.pool.tck.Await.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.tck.FakeEngine;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContextPoolTest {
    private final FakeEngine fake = new FakeEngine();

    @Nested
    @DisplayName("order and parallelism")
    class OrderAndParallelism {
        @Test
        @DisplayName("calls from many virtual threads keep each caller's order, and none is lost")
        void manyVirtualCallersKeepOrder() throws Exception {
            int callers = 50;
            int callsEach = 100;
            try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build());
                    JsContext ctx = pool.open(spec("order"));
                    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    int caller = c;
                    done.add(executor.submit(() -> {
                        for (int i = 0; i < callsEach; i++) {
                            ctx.call(
                                    "append",
                                    Json.createArrayBuilder().add(caller).add(i).build());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                JsonArray log = ctx.call("log").asJsonArray();
                assertEquals(callers * callsEach, log.size());
                int[] next = new int[callers];
                for (JsonValue entry : log) {
                    int caller = entry.asJsonArray().getInt(0);
                    assertEquals(next[caller]++, entry.asJsonArray().getInt(1), "caller " + caller + " out of order");
                }
            }
        }

        @Test
        @DisplayName(
                "asynchronous calls run in the order they were made, a Promise call finishing before the next starts")
        void asyncCallsRunInOrderIncludingPromises() throws Throwable {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("async-order"))) {
                List<CompletionStage<JsonValue>> results = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    results.add(
                            i % 100 == 0
                                    ? ctx.callAsync("laterAppend", Json.createValue(20), Json.createValue(i))
                                    : ctx.callAsync("append", Json.createValue(i)));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertEquals(i + 1, ((JsonNumber) join(results.get(i))).intValue());
                }
                JsonArray log = ctx.call("log").asJsonArray();
                for (int i = 0; i < log.size(); i++) {
                    assertEquals(i, log.getInt(i));
                }
            }
        }

        @Test
        @DisplayName("contexts on different runtime threads run at the same time")
        void contextsOnDifferentThreadsRunInParallel() throws Throwable {
            CyclicBarrier bothInside = new CyclicBarrier(2);
            fake.define("rendezvous", (c, args, done) -> {
                try {
                    bothInside.await(10, TimeUnit.SECONDS); // only returns if the other call runs at the same time
                    done.complete(JsonValue.TRUE);
                } catch (Exception e) {
                    done.fail(new JsContextException("no rendezvous: " + e));
                }
            });
            try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build());
                    JsContext a = pool.open(spec("a", Duration.ofSeconds(30)));
                    JsContext b = pool.open(spec("b", Duration.ofSeconds(30)))) {
                assertNotEquals(a.threadIndex(), b.threadIndex());
                CompletionStage<JsonValue> first = a.callAsync("rendezvous");
                CompletionStage<JsonValue> second = b.callAsync("rendezvous");
                assertEquals(JsonValue.TRUE, join(first));
                assertEquals(JsonValue.TRUE, join(second));
            }
        }

        @Test
        @DisplayName("new contexts go to the thread with the fewest contexts, and their calls run on it")
        void placementAndThreads() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build())) {
                List<JsContext> contexts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    contexts.add(pool.open(spec("p" + i)));
                }
                assertEquals(List.of(2, 2), pool.stats().contextsPerThread());
                contexts.stream().filter(c -> c.threadIndex() == 1).forEach(JsContext::close);
                assertEquals(List.of(2, 0), pool.stats().contextsPerThread());
                JsContext next = pool.open(spec("next"));
                assertEquals(1, next.threadIndex());
                for (JsContext ctx : List.of(contexts.get(0), next)) {
                    assertEquals(
                            "jsctx-runtime-" + ctx.threadIndex(), ((JsonString) ctx.call("threadName")).getString());
                }
            }
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {
        @Test
        @DisplayName("a context refuses calls beyond its queue bound, and runs the ones it accepted")
        void backPressure() throws Throwable {
            try (ContextPool pool = ContextPool.create(
                            fakePool(fake, 1).maxQueuedCallsPerContext(3).build());
                    JsContext ctx = pool.open(spec("bounded"))) {
                CompletionStage<JsonValue> running = ctx.callAsync("hold");
                fake.gate().awaitHeld();
                List<CompletionStage<JsonValue>> queued = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    queued.add(ctx.callAsync("echo", Json.createValue(i)));
                }
                CallQueueFullException refused = assertThrows(
                        CallQueueFullException.class, () -> join(ctx.callAsync("echo", Json.createValue(99))));
                assertEquals(3, refused.limit());
                assertThrows(CallQueueFullException.class, () -> ctx.call("echo", Json.createValue(100)));
                fake.gate().open();
                assertEquals(JsonValue.TRUE, join(running));
                for (int i = 0; i < 3; i++) {
                    assertEquals(i, ((JsonNumber) join(queued.get(i))).intValue());
                }
                assertEquals(7, ((JsonNumber) ctx.call("echo", Json.createValue(7))).intValue());
            }
        }

        @Test
        @DisplayName("open beyond maxContexts fails with the limit, and works again after a close")
        void poolFull() {
            try (ContextPool pool =
                    ContextPool.create(fakePool(fake, 2).maxContexts(2).build())) {
                JsContext first = pool.open(spec("one"));
                pool.open(spec("two"));
                PoolFullException full = assertThrows(PoolFullException.class, () -> pool.open(spec("three")));
                assertEquals(2, full.limit());
                assertInstanceOf(
                        PoolFullException.class,
                        assertThrows(
                                        CompletionException.class,
                                        () -> pool.openAsync(spec("three"))
                                                .toCompletableFuture()
                                                .join())
                                .getCause());
                first.close();
                assertTrue(pool.open(spec("three")).isOpen());
                assertEquals(2, pool.stats().contextsOpen());
            }
        }

        @Test
        @DisplayName("concurrent opens never exceed maxContexts")
        void concurrentOpensRespectTheLimit() throws Exception {
            try (ContextPool pool =
                            ContextPool.create(fakePool(fake, 2).maxContexts(10).build());
                    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    attempts.add(executor.submit(() -> {
                        try {
                            pool.open(spec("race"));
                            return true;
                        } catch (PoolFullException e) {
                            return false;
                        }
                    }));
                }
                int opened = 0;
                for (Future<Boolean> attempt : attempts) {
                    opened += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(10, opened);
                assertEquals(10, pool.stats().contextsOpen());
            }
        }
    }

    @Nested
    @DisplayName("spares and shared scripts")
    class Spares {
        @Test
        @DisplayName("open takes a ready-made spare of the same shape instead of building a context")
        void openUsesSpare() {
            try (ContextPool pool =
                    ContextPool.create(fakePool(fake, 1).sparesPerSpec(1).build())) {
                ContextSpec spec = ContextSpec.builder()
                        .addScript(Script.ofText("s.js", "n=1"))
                        .label("a")
                        .build();
                pool.open(spec);
                awaitTrue("a spare is ready", () -> pool.stats().sparesReady() == 1);
                long createdBeforeOpen = fake.created();
                JsContext second = pool.open(ContextSpec.builder()
                        .addScript(Script.ofText("s.js", "n=1"))
                        .label("b")
                        .build());
                long id = ((JsonNumber) second.call("id")).longValue();
                assertTrue(id <= createdBeforeOpen, "the context was made before open was called");
                assertEquals(1, ((JsonNumber) second.call("get", Json.createValue("n"))).intValue());
                awaitTrue("the spare is replaced", () -> pool.stats().sparesReady() == 1);
            }
        }

        @Test
        @DisplayName("scripts are prepared once per shape, whatever the label or time limit")
        void preparedOncePerShape() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 2).build())) {
                long before = fake.prepared();
                for (int i = 0; i < 5; i++) {
                    pool.open(ContextSpec.builder()
                            .addScript(Script.ofText("shape.js", "k=2"))
                            .label("l" + i)
                            .callTimeout(Duration.ofSeconds(1 + i))
                            .build());
                }
                assertEquals(1, fake.prepared() - before);
                pool.open(ContextSpec.builder()
                        .addScript(Script.ofText("shape.js", "k=3"))
                        .build());
                assertEquals(2, fake.prepared() - before);
            }
        }

        @Test
        @DisplayName("a script that throws while loading fails open with its JsException and frees the place")
        void scriptThrowsAtOpen() {
            try (ContextPool pool =
                    ContextPool.create(fakePool(fake, 1).maxContexts(1).build())) {
                ContextSpec broken = ContextSpec.builder()
                        .addScript(Script.ofText("bad.js", "throw"))
                        .build();
                JsException error = assertThrows(JsException.class, () -> pool.open(broken));
                assertEquals("Error", error.jsName());
                assertEquals(0, pool.stats().contextsOpen());
                assertTrue(pool.open(spec("fine")).isOpen());
            }
        }
    }

    @Nested
    @DisplayName("reset and memory")
    class ResetAndMemory {
        @Test
        @DisplayName("reset gives fresh state with the same scripts, and the old state's timers never fire")
        void resetGivesFreshState() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
                ContextSpec spec = ContextSpec.builder()
                        .addScript(Script.ofText("c.js", "count=0"))
                        .build();
                JsContext ctx = pool.open(spec);
                ctx.call("set", Json.createValue("count"), Json.createValue(5));
                ctx.call("set", Json.createValue("extra"), JsonValue.TRUE);
                long oldId = ((JsonNumber) ctx.call("id")).longValue();
                // Due well after the reset below, even on a loaded machine, so only the reset can stop them.
                ctx.call("timerSet", Json.createValue(1000), Json.createValue("reset-old"));
                ctx.call("timerSet", Json.createValue(1000), Json.createValue("reset-control-" + oldId));
                JsContext control = pool.open(spec);
                control.call("timerSet", Json.createValue(1000), Json.createValue("reset-alive-" + oldId));

                ctx.reset();

                assertEquals(0, ((JsonNumber) ctx.call("get", Json.createValue("count"))).intValue());
                assertEquals(JsonValue.NULL, ctx.call("get", Json.createValue("extra")));
                assertNotEquals(oldId, ((JsonNumber) ctx.call("id")).longValue());
                // A later timer on the same thread fires after every earlier one had its turn.
                ctx.call("later", Json.createValue(1100), JsonValue.NULL);
                assertTrue(fake.fired().contains("reset-alive-" + oldId), "the control timer fired");
                assertTrue(!fake.fired().contains("reset-old"), "the old state's timer never fired");
            }
        }

        @Test
        @DisplayName("memoryBytes asks the engine, on the context's thread, blocking or not")
        void memoryBytes() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("mem"))) {
                assertEquals(100, ctx.memoryBytes());
                CompletionStage<JsonValue> set = ctx.callAsync("set", Json.createValue("x"), JsonValue.TRUE);
                CompletionStage<Long> after = ctx.memoryBytesAsync();
                assertEquals(JsonValue.TRUE, join(set));
                assertEquals(200L, join(after), "measured in order, after the set");
            }
        }

        @Test
        @DisplayName("resetAsync gives fresh state in order with the calls around it")
        void resetAsync() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(ContextSpec.builder()
                            .addScript(Script.ofText("c.js", "count=0"))
                            .build())) {
                ctx.callAsync("set", Json.createValue("count"), Json.createValue(5));
                CompletionStage<Void> reset = ctx.resetAsync();
                CompletionStage<JsonValue> after = ctx.callAsync("get", Json.createValue("count"));
                join(reset);
                assertEquals(0, ((JsonNumber) join(after)).intValue());
            }
        }
    }

    @Nested
    @DisplayName("errors and observation")
    class ErrorsAndObservation {
        @Test
        @DisplayName("a JavaScript error reaches the caller typed, and the context keeps its state")
        void jsErrorKeepsContext() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("err"))) {
                ctx.call("set", Json.createValue("kept"), Json.createValue(1));
                JsException error = assertThrows(JsException.class, () -> ctx.call("throw"));
                assertEquals("TypeError", error.jsName());
                assertEquals("boom", error.jsMessage());
                assertTrue(error.jsStack().contains("fake.js"));
                assertEquals(1, ((JsonNumber) ctx.call("get", Json.createValue("kept"))).intValue());
            }
        }

        @Test
        @DisplayName("a blocking call throws a copy made on the caller's thread, with the runtime thread's as cause")
        void blockingFailureHasTheCallersStack() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("stack", Duration.ofMillis(100)))) {
                JsException error = assertThrows(JsException.class, () -> ctx.call("throw"));
                assertEquals("TypeError", error.jsName());
                assertTrue(
                        List.of(error.getStackTrace()).stream()
                                .anyMatch(f -> f.getMethodName().contains("blockingFailureHasTheCallersStack")),
                        "the caller's frames are in the stack trace");
                JsException cause = assertInstanceOf(JsException.class, error.getCause());
                assertEquals(error.getMessage(), cause.getMessage());
                CallTimeoutException timeout = assertThrows(CallTimeoutException.class, () -> ctx.call("never"));
                assertEquals(Duration.ofMillis(100), timeout.limit());
                assertInstanceOf(CallTimeoutException.class, timeout.getCause());
            }
        }

        @Test
        @DisplayName("the asynchronous methods throw nothing but NullPointerException for a null argument")
        void asyncNullArguments() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("nulls"))) {
                assertThrows(NullPointerException.class, () -> ctx.callAsync(null));
                assertThrows(NullPointerException.class, () -> ctx.callAsync("echo", (JsonValue) null));
                assertThrows(NullPointerException.class, () -> ctx.evalAsync(null));
                assertThrows(NullPointerException.class, () -> pool.openAsync(null));
                ctx.close();
                assertInstanceOf(ContextClosedException.class, failure(ctx.callAsync("echo", JsonValue.TRUE)));
                assertInstanceOf(ContextClosedException.class, failure(ctx.resetAsync()));
            }
        }

        @Test
        @DisplayName("an engine failure that is not a pool exception is wrapped, and the runtime thread carries on")
        void engineBugIsWrapped() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("bug"))) {
                JsContextException error = assertThrows(JsContextException.class, () -> ctx.call("crash"));
                assertInstanceOf(
                        IllegalStateException.class, error.getCause().getCause(), "the copy, the original, the bug");
                assertEquals(JsonValue.TRUE, ctx.call("echo", JsonValue.TRUE));
            }
        }

        @Test
        @DisplayName("the observer hears every call with its outcome, and its own failure harms no call")
        void observerIsToldAndGuarded() {
            List<String> heard = new CopyOnWriteArrayList<>();
            CallObserver observer = (label, nanos, outcome) -> {
                heard.add(label + ":" + outcome);
                assertTrue(nanos > 0);
                throw new IllegalStateException("observer bug");
            };
            try (ContextPool pool = ContextPool.create(
                            fakePool(fake, 1).callObserver(observer).build());
                    JsContext ctx = pool.open(spec("obs", Duration.ofMillis(100)))) {
                ctx.call("echo", JsonValue.TRUE);
                assertThrows(JsException.class, () -> ctx.call("throw"));
                assertThrows(CallTimeoutException.class, () -> ctx.call("never"));
                assertEquals(List.of("obs:OK", "obs:ERROR", "obs:TIMEOUT"), heard);
                PoolStats stats = pool.stats();
                assertEquals(3, stats.calls());
                assertEquals(2, stats.callsFailed());
                assertEquals(1, stats.callsTimedOut());
            }
        }

        @Test
        @DisplayName("a blocking call from a stage the pool completes fails fast instead of deadlocking")
        void blockingOnTheRuntimeThreadIsRefused() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build());
                    JsContext ctx = pool.open(spec("self"))) {
                CompletableFuture<JsonValue> nested = ctx.callAsync("hold")
                        .toCompletableFuture()
                        .thenApply(v -> ctx.call("echo", v)); // attached before completion: runs on the runtime thread
                fake.gate().open();
                CompletionException failure = assertThrows(CompletionException.class, nested::join);
                assertInstanceOf(IllegalStateException.class, failure.getCause());
                assertEquals(JsonValue.TRUE, ctx.call("echo", JsonValue.TRUE));
            }
        }
    }

    @Nested
    @DisplayName("capabilities and engine information")
    class Capabilities {
        @Test
        @DisplayName("an engine without BROWSER_API or STATEMENT_BUDGET refuses specs that need them")
        void missingCapabilitiesAreRefused() {
            FakeEngine minimal = new FakeEngine("fake-minimal", Set.of(EngineCapability.PROMISES));
            try (ContextPool pool = ContextPool.create(
                    PoolConfig.builder().engine(minimal).threads(1).build())) {
                assertEquals(Set.of(EngineCapability.PROMISES), pool.capabilities());
                UnsupportedCapabilityException browser = assertThrows(
                        UnsupportedCapabilityException.class,
                        () -> pool.open(ContextSpec.builder()
                                .apiSurface(ApiSurface.BROWSER)
                                .build()));
                assertEquals(EngineCapability.BROWSER_API, browser.capability());
                UnsupportedCapabilityException budget = assertThrows(
                        UnsupportedCapabilityException.class,
                        () -> pool.open(
                                ContextSpec.builder().statementBudget(1000).build()));
                assertEquals(EngineCapability.STATEMENT_BUDGET, budget.capability());
                assertEquals(0, pool.stats().contextsOpen());
            }
        }

        @Test
        @DisplayName("engineInfo names the engine and adds what it says of itself")
        void engineInfo() {
            try (ContextPool pool = ContextPool.create(fakePool(fake, 1).build())) {
                Map<String, String> info = pool.engineInfo();
                assertEquals("fake", info.get("engine"));
                assertEquals("1.0", info.get("version"));
            }
        }
    }
}
