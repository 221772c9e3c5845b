package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.FairShare;
import dev.jsctx.pool.HostFunctions;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.UnsupportedCapabilityException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance kit's chapter on host functions and messages ({@link HostFunctions},
 * {@link EngineCapability#HOST_FUNCTIONS}): drives an engine through {@link ContextPool} and {@link JsContext} with
 * real JavaScript and checks every rule their Javadoc states. An engine module extends it with one small class, as it
 * does {@link PoolCompatibilityKit}:
 * {@snippet :
 * class GraalHostTest extends HostKit {
 *     @Override
 *     protected String engineName() {
 *         return "graal";
 *     }
 * }
 * }
 * An engine without the capability passes by refusing such contexts cleanly, which the kit checks instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostKit extends PoolKit {
    /** ECMAScript 2015 with Promises only: every engine with the capability runs it. */
    private static final Script KIT_SCRIPT = Script.ofText("host-kit.js", """
            var kitLog = [];
            function record(entry) { kitLog.push(entry); return kitLog.length; }
            function getLog() { return kitLog; }
            function hostType() { return typeof globalThis.host; }
            function callSync(name, arg) { return host.callSync(name, arg); }
            function callAsync(name, arg) { return host.call(name, arg); }
            function described(e) { return {isError: e instanceof Error, name: e.name, message: e.message}; }
            function syncError(name, arg) {
              try { host.callSync(name, arg); return null; } catch (e) { return described(e); }
            }
            function asyncError(name, arg) {
              return host.call(name, arg).then(function (v) { return {value: v}; }, described);
            }
            function startAndRecord(name, arg) {
              host.call(name, arg).then(function (v) { record('settled:' + v); }, function (e) { record('failed:' + e.message); });
              return 0;
            }
            function listen() { host.onMessage(function (m) { record(m); }); return 0; }
            """);

    /**
     * @return the engine's name, as its provider's {@code name()} says
     */
    protected abstract String engineName();

    /**
     * Adjusts the chapter's pool configuration; the kit has already set the engine and two runtime threads.
     *
     * @param builder the kit's builder
     * @return the builder to build the pool from
     */
    protected PoolConfig.Builder configure(PoolConfig.Builder builder) {
        return builder;
    }

    @BeforeAll
    void startPool() {
        pool = ContextPool.create(
                configure(PoolConfig.builder().engine(engineName()).threads(2)).build());
    }

    private boolean supported() {
        return pool.capabilities().contains(EngineCapability.HOST_FUNCTIONS);
    }

    @Test
    @DisplayName("a context opened without host functions has no host global; with them, a frozen host object")
    void hostOnlyWhenGiven() {
        JsContext bare = open(spec("bare"), null);
        assertEquals(Json.createValue("undefined"), bare.call("hostType"));
        bare.send(Json.createValue("dropped")); // nothing to deliver to: dropped, not thrown
        if (!supported()) {
            UnsupportedCapabilityException refused = assertThrows(
                    UnsupportedCapabilityException.class,
                    () -> pool.open(spec("host"), HostFunctions.builder().build()));
            assertEquals(EngineCapability.HOST_FUNCTIONS, refused.capability());
            return;
        }
        JsContext ctx = open(spec("host"), HostFunctions.builder().build());
        assertEquals(
                json("[\"object\",true,false,[\"call\",\"callSync\",\"onMessage\",\"send\"]]"),
                ctx.eval("[typeof host, Object.isFrozen(host), Object.keys(globalThis).indexOf('host') >= 0,"
                        + " Object.keys(host).sort()]"));
        assertEquals(json("\"object\""), ctx.eval("globalThis.host = 1; delete globalThis.host; typeof host"));
    }

    @Test
    @DisplayName("host.callSync runs a synchronous function on the runtime thread and returns its result")
    void syncCall() {
        if (!supported()) {
            return;
        }
        AtomicReference<String> ranOn = new AtomicReference<>();
        HostFunctions host = HostFunctions.builder()
                .sync("echo", args -> {
                    ranOn.set(Thread.currentThread().getName());
                    return args;
                })
                .sync("nothing", args -> null)
                .build();
        JsContext ctx = open(spec("sync"), host);
        assertEquals(
                json("[{\"a\":[1,2.5,\"x\",null,true]}]"),
                ctx.call("callSync", Json.createValue("echo"), json("{\"a\":[1,2.5,\"x\",null,true]}")));
        assertTrue(ranOn.get().startsWith("jsctx-runtime-"), ranOn.get());
        assertEquals(json("[null,true]"), ctx.eval("var r = host.callSync('nothing'); [r, r === null]"));
        assertEquals(json("[[1,2,3]]"), ctx.eval("[host.callSync('echo', 1, 2, 3)]"));
    }

    @Test
    @DisplayName(
            "host.call returns a Promise; the function runs on a virtual thread and the Promise settles with its result")
    void asyncCall() {
        if (!supported()) {
            return;
        }
        AtomicBoolean virtual = new AtomicBoolean();
        HostFunctions host = HostFunctions.builder()
                .async("lookup", args -> {
                    virtual.set(Thread.currentThread().isVirtual());
                    return Json.createObjectBuilder()
                            .add("key", args.getString(0))
                            .add("found", true)
                            .build();
                })
                .build();
        JsContext ctx = open(spec("async"), host);
        assertEquals(
                json("{\"key\":\"k1\",\"found\":true}"),
                ctx.call("callAsync", Json.createValue("lookup"), Json.createValue("k1")));
        assertTrue(virtual.get(), "ran on a virtual thread");
        assertEquals(json("true"), ctx.eval("host.call('lookup', 'x') instanceof Promise"));
    }

    @Test
    @DisplayName("a Java exception becomes a JavaScript Error with its message only, sync and async")
    void javaExceptionBecomesError() {
        if (!supported()) {
            return;
        }
        HostFunctions host = HostFunctions.builder()
                .sync("boomSync", args -> {
                    throw new IllegalStateException("no such user");
                })
                .async("boomAsync", args -> {
                    throw new java.io.IOException("database unavailable");
                })
                .sync("silent", args -> {
                    throw new IllegalArgumentException();
                })
                .build();
        JsContext ctx = open(spec("errors"), host);
        assertEquals(
                json("{\"isError\":true,\"name\":\"Error\",\"message\":\"no such user\"}"),
                ctx.call("syncError", Json.createValue("boomSync")));
        assertEquals(
                json("{\"isError\":true,\"name\":\"Error\",\"message\":\"database unavailable\"}"),
                ctx.call("asyncError", Json.createValue("boomAsync")));
        assertEquals(
                json("{\"isError\":true,\"name\":\"Error\",\"message\":\"Host function 'silent' failed\"}"),
                ctx.call("syncError", Json.createValue("silent")));
        assertEquals(
                json("false"),
                ctx.eval("var s = ''; try { host.callSync('boomSync'); } catch (e) { s = String(e.stack); }"
                        + " /IllegalStateException|java\\\\./.test(s)"));
        JsException uncaught =
                assertThrows(JsException.class, () -> ctx.call("callSync", Json.createValue("boomSync")));
        assertEquals("Error", uncaught.jsName());
        assertEquals("no such user", uncaught.jsMessage());
    }

    @Test
    @DisplayName("an unknown name, or the wrong kind of call, is a clear Error")
    void unknownOrWrongKind() {
        if (!supported()) {
            return;
        }
        HostFunctions host = HostFunctions.builder()
                .sync("quick", args -> JsonValue.TRUE)
                .async("slow", args -> JsonValue.TRUE)
                .build();
        JsContext ctx = open(spec("names"), host);
        assertEquals(
                json("\"No host function 'missing'\""), message(ctx.call("syncError", Json.createValue("missing"))));
        assertEquals(
                json("\"No host function 'missing'\""), message(ctx.call("asyncError", Json.createValue("missing"))));
        assertEquals(
                json("\"Host function 'slow' is asynchronous: use host.call\""),
                message(ctx.call("syncError", Json.createValue("slow"))));
        assertEquals(
                json("\"Host function 'quick' is synchronous: use host.callSync\""),
                message(ctx.call("asyncError", Json.createValue("quick"))));
    }

    @Test
    @DisplayName("values cross under the pool's rules and limits, both ways")
    void valueRules() {
        if (!supported()) {
            return;
        }
        HostFunctions host = HostFunctions.builder()
                .sync("echo", args -> args.get(0))
                .sync("tooDeep", args -> nested(40))
                .async("tooDeepAsync", args -> nested(40))
                .build();
        JsContext ctx = open(spec("values"), host);
        assertEquals(
                json("[null,null,9007199254740991]"),
                ctx.eval("host.callSync('echo', [undefined, NaN, 9007199254740991])"));
        assertTrue(message(
                        ctx.eval(
                                "(function () { try { host.callSync('echo', function () {}); } catch (e) { return described(e); } })()"))
                .toString()
                .contains("function"));
        assertTrue(message(ctx.call("syncError", Json.createValue("tooDeep")))
                .toString()
                .contains("nesting"));
        assertTrue(message(ctx.call("asyncError", Json.createValue("tooDeepAsync")))
                .toString()
                .contains("nesting"));
        assertTrue(message(ctx.eval("(function () { var v = 0; for (var i = 0; i < 40; i++) { v = [v]; }"
                        + " try { host.callSync('echo', v); } catch (e) { return described(e); } })()"))
                .toString()
                .contains("nesting"));
    }

    @Test
    @DisplayName("a Promise that settles after a later call was queued settles first, and the later call sees it")
    void settlementKeepsOrder() throws InterruptedException {
        if (!supported()) {
            return;
        }
        HostGate gate = new HostGate();
        HostFunctions host = HostFunctions.builder().async("gated", gate::pass).build();
        JsContext ctx = open(spec("order"), host);
        ctx.eval(
                "function awaitGate() { return host.call('gated', 'a').then(function (v) { record('a:' + v); return v; }); }");
        CompletionStage<JsonValue> first = ctx.callAsync("awaitGate");
        gate.awaitEntered();
        CompletionStage<JsonValue> later = ctx.callAsync("record", Json.createValue("b"));
        gate.open(Json.createValue("opened"));
        assertEquals(Json.createValue("opened"), Await.join(first));
        assertEquals(json("2"), Await.join(later)); // the later call ran after the settlement's reaction
        assertEquals(json("[\"a:opened\",\"b\"]"), ctx.call("getLog"));
    }

    @Test
    @DisplayName("a function past its own time limit rejects its Promise, and its virtual thread is interrupted")
    void perFunctionTimeout() throws InterruptedException {
        if (!supported()) {
            return;
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        HostFunctions host = HostFunctions.builder()
                .async("stuck", Duration.ofMillis(100), args -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return JsonValue.TRUE;
                })
                .build();
        JsContext ctx = open(spec("timeout"), host);
        assertEquals(
                json("\"Host function 'stuck' did not answer within PT0.1S\""),
                message(ctx.call("asyncError", Json.createValue("stuck"))));
        assertTrue(interrupted.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "the worker was interrupted");
    }

    @Test
    @DisplayName("a synchronous function counts against the call's time limit")
    void syncCountsAgainstCallLimit() {
        if (!supported()) {
            return;
        }
        HostFunctions host = HostFunctions.builder()
                .sync("slowSync", args -> {
                    Thread.sleep(400);
                    return JsonValue.TRUE;
                })
                .build();
        ContextSpec limited = ContextSpec.builder()
                .addScript(KIT_SCRIPT)
                .label("sync-limit")
                .callTimeout(Duration.ofMillis(100))
                // the full limit on probation too: the check after the time-out is about the context, not the
                // probation limit, which a loaded machine's first call can miss
                .fairShare(FairShare.builder()
                        .probationCallTimeout(Duration.ofMillis(100))
                        .build())
                .build();
        JsContext ctx = open(limited, host);
        assertThrows(CallTimeoutException.class, () -> ctx.eval("host.callSync('slowSync'); while (true) {}"));
        assertEquals(json("1"), ctx.call("record", Json.createValue("still usable")));
    }

    @Test
    @DisplayName("calls in flight per context are bounded; the excess rejects at once with a clear Error")
    void inFlightBound() {
        if (!supported()) {
            return;
        }
        HostGate gate = new HostGate();
        HostFunctions host = HostFunctions.builder()
                .async("gated", gate::pass)
                .maxInFlight(2)
                .build();
        JsContext ctx = open(spec("bound"), host);
        ctx.eval("for (var i = 0; i < 3; i++) { startAndRecord('gated', i); } 0");
        Await.awaitTrue("the third call is rejected", () -> ((JsonArray) ctx.call("getLog")).size() == 1);
        assertEquals(
                json(
                        "[\"failed:Context 'bound' already has 2 host calls in flight, the most it may; await some first\"]"),
                ctx.call("getLog"));
        gate.open(Json.createValue("done"));
        Await.awaitTrue("both calls settle", () -> ((JsonArray) ctx.call("getLog")).size() == 3);
        assertEquals(json("\"done\""), ctx.call("callAsync", Json.createValue("gated")));
    }

    @Test
    @DisplayName(
            "closing a context during host calls drops their results, interrupts them, and fails a call awaiting one")
    void closeDuringHostCall() throws InterruptedException {
        if (!supported()) {
            return;
        }
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        HostFunctions host = HostFunctions.builder()
                .async("hold", args -> {
                    entered.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return JsonValue.TRUE;
                })
                .build();
        JsContext ctx = open(spec("closing"), host);
        CompletionStage<JsonValue> awaiting = ctx.callAsync("callAsync", Json.createValue("hold"));
        assertTrue(entered.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        ctx.close();
        assertInstanceOf(ContextClosedException.class, Await.failure(awaiting));
        assertTrue(interrupted.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "the function was interrupted");
        JsContext other = open(spec("after-close"), host);
        assertEquals(json("1"), other.call("record", Json.createValue("alive")));
    }

    @Test
    @DisplayName("the functions are the opener's, spares included: each context reaches its own")
    void functionsPerOpen() {
        if (!supported()) {
            return;
        }
        for (int i = 0; i < 5; i++) {
            String tenant = "tenant-" + i;
            JsContext ctx = open(
                    spec("tenant"),
                    HostFunctions.builder()
                            .sync("tenant", args -> Json.createValue(tenant))
                            .build());
            assertEquals(Json.createValue(tenant), ctx.call("callSync", Json.createValue("tenant")));
        }
        Await.awaitTrue("a spare of the host shape is ready", () -> pool.stats().sparesReady() > 0);
        JsContext fromSpare = open(
                spec("tenant"),
                HostFunctions.builder()
                        .sync("tenant", args -> Json.createValue("spare"))
                        .build());
        assertEquals(Json.createValue("spare"), fromSpare.call("callSync", Json.createValue("tenant")));
        JsContext bare = open(spec("tenant"), null);
        assertEquals(Json.createValue("undefined"), bare.call("hostType"));
    }

    @Test
    @DisplayName("the host cannot be called while the scripts load, but onMessage can be registered there")
    void notWhileLoading() {
        if (!supported()) {
            return;
        }
        HostFunctions host =
                HostFunctions.builder().sync("quick", args -> JsonValue.TRUE).build();
        ContextSpec eager = ContextSpec.builder()
                .addScript(Script.ofText("eager.js", "host.callSync('quick');"))
                .label("eager")
                .build();
        JsException refused = assertThrows(JsException.class, () -> open(eager, host));
        assertEquals("The host cannot be reached while the scripts of context 'eager' load", refused.jsMessage());
        ContextSpec listening = ContextSpec.builder()
                .addScript(KIT_SCRIPT)
                .addScript(Script.ofText("listen.js", "listen();"))
                .label("listening")
                .build();
        JsContext ctx = open(listening, host);
        ctx.send(Json.createValue("hello"));
        Await.awaitTrue("the message arrived", () -> ((JsonArray) ctx.call("getLog")).size() == 1);
        ctx.reset();
        ctx.send(Json.createValue("again"));
        Await.awaitTrue("the handler registered again after reset", () -> ((JsonArray) ctx.call("getLog")).size() == 1);
        assertEquals(json("[\"again\"]"), ctx.call("getLog"));
        assertEquals(JsonValue.TRUE, ctx.eval("host.callSync('quick')"));
    }

    @Test
    @DisplayName("JsContext.send runs the onMessage handler on the context's thread, in order; dropped when closed")
    void messagesIn() {
        if (!supported()) {
            return;
        }
        JsContext ctx = open(spec("inbox"), HostFunctions.builder().build());
        ctx.send(Json.createValue("before a handler")); // dropped: nobody listens yet
        ctx.call("listen");
        for (int i = 0; i < 50; i++) {
            ctx.send(Json.createObjectBuilder().add("n", i).build());
        }
        ctx.call("record", Json.createValue("call"));
        JsonArray log = (JsonArray) ctx.call("getLog");
        assertEquals(51, log.size(), log::toString);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, ((JsonObject) log.get(i)).getInt("n"));
        }
        assertEquals(Json.createValue("call"), log.get(50));
        ctx.eval("host.onMessage(function (m) { throw new Error('handler failed'); }); 0");
        ctx.send(Json.createValue("ignored"));
        ctx.eval("host.onMessage(null); 0");
        ctx.send(Json.createValue("ignored too"));
        assertEquals(json("51"), ctx.eval("kitLog.length"));
        assertEquals(
                json("\"TypeError\""),
                ctx.eval("(function () { try { host.onMessage(42); } catch (e) { return e.name; } })()"));
        ctx.close();
        ctx.send(Json.createValue("after close")); // dropped, never thrown
    }

    @Test
    @DisplayName("messages waiting for a context are bounded; send drops the excess at once, returns false, counts it")
    void messagesBounded() throws InterruptedException {
        if (!supported()) {
            return;
        }
        HostGate gate = new HostGate();
        HostFunctions host = HostFunctions.builder()
                .sync("hold", gate::pass)
                .maxQueuedMessages(3)
                .build();
        JsContext ctx = open(spec("bounded-inbox"), host);
        ctx.call("listen");
        CompletionStage<JsonValue> holding = ctx.callAsync("callSync", Json.createValue("hold"));
        gate.awaitEntered(); // the runtime thread is busy: messages wait
        long droppedBefore = pool.stats().messagesDropped();
        List<Boolean> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(ctx.send(Json.createValue(i)));
        }
        assertEquals(List.of(true, true, true, false, false), queued);
        assertEquals(2, pool.stats().messagesDropped() - droppedBefore);
        gate.open(Json.createValue("released"));
        assertEquals(Json.createValue("released"), Await.join(holding));
        assertEquals(json("[0,1,2]"), ctx.call("getLog")); // the queued ones, in order; nothing else lost
        assertTrue(ctx.send(Json.createValue(3)), "room again once the handler ran");
        Await.awaitTrue("the next message arrives", () -> ((JsonArray) ctx.call("getLog")).size() == 4);
        JsContext bare = open(spec("bare"), null);
        assertFalse(bare.send(Json.createValue(1)), "no host object: dropped");
        ctx.close();
        assertFalse(ctx.send(Json.createValue(4)), "closed: dropped, never thrown");
        assertEquals(2, pool.stats().messagesDropped() - droppedBefore, "only the bound counts as a drop");
    }

    @Test
    @DisplayName(
            "host.send hands values to the opener's listener in order, on the runtime thread; without one it throws")
    void messagesOut() {
        if (!supported()) {
            return;
        }
        List<JsonValue> heard = new CopyOnWriteArrayList<>();
        AtomicReference<JsContext> from = new AtomicReference<>();
        AtomicInteger onRuntimeThread = new AtomicInteger();
        HostFunctions host = HostFunctions.builder()
                .onMessage((context, message) -> {
                    from.set(context);
                    if (Thread.currentThread().getName().startsWith("jsctx-runtime-")) {
                        onRuntimeThread.incrementAndGet();
                    }
                    heard.add(message);
                })
                .build();
        JsContext ctx = open(spec("outbox"), host);
        assertEquals(
                JsonValue.NULL, ctx.eval("host.send({n: 1}); host.send([2]); host.send('three'); host.send(); null"));
        assertEquals(List.of(json("{\"n\":1}"), json("[2]"), Json.createValue("three"), JsonValue.NULL), heard);
        assertSame(ctx, from.get());
        assertEquals(4, onRuntimeThread.get());
        JsContext deaf = open(spec("deaf"), HostFunctions.builder().build());
        assertEquals(
                json("\"Context 'deaf' was opened without a message listener\""),
                deaf.eval("(function () { try { host.send(1); } catch (e) { return e.message; } })()"));
        HostFunctions failing = HostFunctions.builder()
                .onMessage((context, message) -> {
                    throw new IllegalStateException("listener broke");
                })
                .build();
        JsContext ctx2 = open(spec("failing-listener"), failing);
        assertEquals(JsonValue.TRUE, ctx2.eval("host.send(1); true"));
    }

    private JsContext open(ContextSpec spec, HostFunctions host) {
        JsContext ctx = host == null ? pool.open(spec) : pool.open(spec, host);
        opened.add(ctx);
        return ctx;
    }

    private static ContextSpec spec(String label) {
        return ContextSpec.builder().addScript(KIT_SCRIPT).label(label).build();
    }

    private static JsonValue message(JsonValue described) {
        return described.asJsonObject().containsKey("message")
                ? described.asJsonObject().get("message")
                : described;
    }

    private static JsonValue nested(int depth) {
        JsonValue value = Json.createValue(0);
        for (int i = 0; i < depth; i++) {
            value = Json.createArrayBuilder().add(value).build();
        }
        return value;
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** A host function that waits until the test opens it, and says when a call is waiting. */
    private static final class HostGate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile JsonValue answer;

        JsonValue pass(JsonArray args) throws InterruptedException {
            entered.countDown();
            if (!opened.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the gate was never opened");
            }
            return answer;
        }

        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "a call reached the gate");
        }

        void open(JsonValue value) {
            answer = value;
            opened.countDown();
        }
    }
}
