package dev.jsctx.pool.rhino;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.UnsupportedCapabilityException;
import dev.jsctx.pool.UnsupportedValueException;
import dev.jsctx.pool.spi.EngineCapability;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineInstance;
import dev.jsctx.pool.spi.JsEngineProvider;
import dev.jsctx.pool.spi.PreparedScripts;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Rhino engine through the SPI alone, driven as the pool drives it.
 */
class RhinoEngineTest {
    private static final Script COUNTER = Script.ofText("counter.js", """
            let count = 0;
            function inc(n = 1) { count += n; return count; }
            function get() { return count; }
            """);

    private EngineInstance engine;
    private RuntimeThread thread;

    @BeforeEach
    void start() {
        engine = RuntimeThread.engine(PoolConfig.defaults());
        thread = new RuntimeThread(engine, 0);
    }

    @AfterEach
    void stop() {
        thread.close();
        engine.close();
    }

    private static ContextSpec spec(Script... scripts) {
        ContextSpec.Builder builder = ContextSpec.builder().label("test");
        for (Script script : scripts) {
            builder.addScript(script);
        }
        return builder.build();
    }

    private JsonValue eval(EngineContext context, String source) {
        return thread.eval(context, source).value();
    }

    @Test
    @DisplayName("the provider is found by ServiceLoader as \"rhino\" and declares what it can do")
    void registered() {
        JsEngineProvider provider = ServiceLoader.load(JsEngineProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("rhino"))
                .findFirst()
                .orElseThrow();
        assertEquals(JsEngineProvider.API_VERSION, provider.apiVersion());
        assertTrue(provider.capabilities()
                .containsAll(java.util.Set.of(
                        EngineCapability.PROMISES, EngineCapability.INTERRUPT, EngineCapability.STATEMENT_BUDGET)));
        assertFalse(provider.capabilities().contains(EngineCapability.BROWSER_API));
        assertEquals("rhino", engine.describe().get("engine"));
    }

    @Test
    @DisplayName("a context keeps its state between calls, and its numbers come back integral")
    void counter() {
        EngineContext context = thread.open(spec(COUNTER));
        thread.call(context, "inc").value();
        JsonValue count = thread.call(context, "inc", Json.createValue(5)).value();
        assertEquals(6, ((JsonNumber) count).longValueExact());
        assertTrue(((JsonNumber) count).isIntegral());
    }

    @Test
    @DisplayName("scripts compiled once run on several runtime threads at the same time, each context apart")
    void sharedScriptsAcrossThreads() throws Exception {
        ContextSpec spec = spec(COUNTER);
        PreparedScripts prepared = engine.prepare(spec);
        try (RuntimeThread second = new RuntimeThread(engine, 1)) {
            EngineContext a = thread.open(spec, prepared);
            EngineContext b = second.open(spec, prepared);
            CompletableFuture<Void> left = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    thread.call(a, "inc").value();
                }
            });
            for (int i = 0; i < 3_000; i++) {
                second.call(b, "inc", Json.createValue(2)).value();
            }
            left.get(30, TimeUnit.SECONDS);
            assertEquals(2_000, ((JsonNumber) thread.call(a, "get").value()).intValue());
            assertEquals(6_000, ((JsonNumber) second.call(b, "get").value()).intValue());
        }
    }

    @Nested
    @DisplayName("isolation")
    class Isolation {
        @Test
        @DisplayName("a context that changes built-in prototypes and globals changes them for itself only")
        void builtInsArePerContext() {
            EngineContext a = thread.open(spec(COUNTER));
            EngineContext b = thread.open(spec(COUNTER));
            assertEquals(Json.createValue(1), eval(a, "Array.prototype.extra = 1; Object.prototype.x = 2; [].extra"));
            eval(a, "Math.max = function () { return -1 }; globalThis.leak = 'a'; inc(10)");
            assertEquals(Json.createValue(-1), eval(a, "Math.max(1, 2)"));
            assertEquals(JsonValue.NULL, eval(b, "[].extra"));
            assertEquals(
                    Json.createValue("undefined undefined undefined 2 1"),
                    eval(
                            b,
                            "typeof ({}).x + ' ' + typeof leak + ' ' + typeof globalThis.leak + ' ' + Math.max(1, 2) + ' ' + inc()"));
        }

        @Test
        @DisplayName("with shared builtins a context cannot change them: it gets a JsException, others see nothing")
        void sharedBuiltinsAreSealed() {
            EngineInstance shared = RuntimeThread.engine(PoolConfig.builder()
                    .engineOption("rhino.sharedBuiltins", "true")
                    .build());
            try (RuntimeThread sharedThread = new RuntimeThread(shared, 0)) {
                EngineContext a = sharedThread.open(spec(COUNTER));
                EngineContext b = sharedThread.open(spec(COUNTER));
                JsException refused = assertThrows(
                        JsException.class,
                        () -> sharedThread.eval(a, "Array.prototype.extra = 1").value());
                assertTrue(refused.jsMessage().contains("sealed"), refused.getMessage());
                sharedThread
                        .eval(a, "globalThis.mine = 1; var alsoMine = 2; inc(3)")
                        .value();
                assertEquals(
                        Json.createValue("undefined undefined undefined 1 4"),
                        sharedThread
                                .eval(
                                        b,
                                        "typeof [].extra + ' ' + typeof mine + ' ' + typeof alsoMine + ' ' + inc() + ' ' + [1, 2, 3].map(x => x + 1).pop()")
                                .value());
                assertEquals(Json.createValue(3), sharedThread.call(a, "get").value());
            } finally {
                shared.close();
            }
        }

        @Test
        @DisplayName("NONE has no Java, shell or console globals")
        void sandbox() {
            EngineContext context = thread.open(spec());
            assertEquals(
                    Json.createValue("undefined undefined undefined undefined undefined undefined undefined"),
                    eval(
                            context,
                            "[typeof java, typeof Packages, typeof JavaAdapter, typeof importPackage, "
                                    + "typeof print, typeof load, typeof console].join(' ')"));
        }

        @Test
        @DisplayName("a BROWSER spec is refused cleanly")
        void browserRefused() {
            ContextSpec browser =
                    ContextSpec.builder().apiSurface(ApiSurface.BROWSER).build();
            UnsupportedCapabilityException e =
                    assertThrows(UnsupportedCapabilityException.class, () -> thread.open(browser));
            assertEquals(EngineCapability.BROWSER_API, e.capability());
        }
    }

    @Nested
    @DisplayName("errors")
    class Errors {
        @Test
        @DisplayName("a thrown Error gives its name, message and stack; a thrown value gives Error and its text")
        void thrown() {
            EngineContext context = thread.open(spec(Script.ofText(
                    "boom.js",
                    "function boom() { throw new TypeError('bad ' + 1) }\nfunction raw() { throw 'just text' }")));
            JsException typed = assertThrows(
                    JsException.class, () -> thread.call(context, "boom").value());
            assertAll(
                    () -> assertEquals("TypeError", typed.jsName()),
                    () -> assertEquals("bad 1", typed.jsMessage()),
                    () -> assertTrue(typed.jsStack().contains("boom.js"), typed.jsStack()));
            JsException raw = assertThrows(
                    JsException.class, () -> thread.call(context, "raw").value());
            assertEquals("Error", raw.jsName());
            assertEquals("just text", raw.jsMessage());
            JsException missing = assertThrows(
                    JsException.class, () -> thread.call(context, "nope").value());
            assertEquals("TypeError", missing.jsName());
        }

        @Test
        @DisplayName("a syntax error is a SyntaxError, when preparing and when evaluating, and the context lives on")
        void syntax() {
            JsException prepare = assertThrows(
                    JsException.class, () -> engine.prepare(spec(Script.ofText("broken.js", "function ("))));
            assertEquals("SyntaxError", prepare.jsName());
            EngineContext context = thread.open(spec(COUNTER));
            assertEquals(
                    "SyntaxError",
                    assertThrows(JsException.class, () -> eval(context, "let = ;"))
                            .jsName());
            assertEquals(Json.createValue("SyntaxError"), eval(context, "try { eval('(') } catch (e) { e.name }"));
            assertEquals(Json.createValue(1), thread.call(context, "inc").value());
        }

        @Test
        @DisplayName("a stack overflow is a RangeError JavaScript can catch, and the context lives on")
        void stackOverflow() {
            EngineContext context = thread.open(
                    spec(
                            COUNTER,
                            Script.ofText(
                                    "deep.js",
                                    "function deep() { return deep() + 1 }\nfunction deepNative() { return [0].map(deepNative) }")));
            JsException error = assertThrows(
                    JsException.class, () -> thread.call(context, "deep").value());
            assertEquals("RangeError", error.jsName());
            assertEquals(JsonValue.TRUE, eval(context, "try { deep() } catch (e) { e instanceof RangeError }"));
            assertEquals(
                    "RangeError",
                    assertThrows(
                                    JsException.class,
                                    () -> thread.call(context, "deepNative").value())
                            .jsName());
            assertEquals(Json.createValue(1), thread.call(context, "inc").value());
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {
        @Test
        @DisplayName("interrupt() from another thread stops a loop that catch and finally cannot keep alive")
        void interrupt() throws Exception {
            EngineContext context = thread.open(spec(COUNTER));
            RuntimeThread.Call spin = thread.eval(
                    context,
                    "try { while (true) {} } catch (e) { globalThis.caught = 1 } finally { globalThis.cleaned = 1 }");
            while (!spin.isDone()) {
                context.interrupt();
                Thread.onSpinWait();
            }
            assertThrows(RuntimeException.class, spin::value);
            assertEquals(
                    Json.createValue("undefined undefined"), eval(context, "typeof caught + ' ' + typeof cleaned"));
            assertEquals(Json.createValue(1), thread.call(context, "inc").value());
        }

        @Test
        @DisplayName("a call past its statement budget fails, while calls within it never add up")
        void budget() {
            ContextSpec budgeted = ContextSpec.builder()
                    .addScript(COUNTER)
                    .statementBudget(5_000)
                    .build();
            EngineContext context = thread.open(budgeted);
            for (int i = 1; i <= 500; i++) {
                assertEquals(i, ((JsonNumber) thread.call(context, "inc").value()).intValue());
            }
            assertThrows(
                    StatementBudgetExceededException.class, () -> eval(context, "for (let i = 0; i < 1e9; i++) {}"));
        }
    }

    @Nested
    @DisplayName("promises")
    class Promises {
        @Test
        @DisplayName("a call returning a Promise completes with its value, or fails with its reason")
        void settled() {
            EngineContext context = thread.open(spec());
            assertEquals(Json.createValue(2), eval(context, "Promise.resolve(1).then(x => x + 1)"));
            JsException rejected =
                    assertThrows(JsException.class, () -> eval(context, "Promise.reject(new RangeError('no'))"));
            assertEquals("RangeError", rejected.jsName());
            assertEquals("no", rejected.jsMessage());
        }

        @Test
        @DisplayName("a Promise settled by a later call completes the first call then")
        void settledLater() {
            EngineContext context = thread.open(spec(Script.ofText(
                    "later.js",
                    "let resolve; function later() { return new Promise(r => resolve = r) }\n"
                            + "function fire(v) { resolve(v); return 'fired' }")));
            RuntimeThread.Call later = thread.call(context, "later");
            assertEquals(
                    Json.createValue("fired"),
                    thread.call(context, "fire", Json.createValue(7)).value());
            assertEquals(Json.createValue(7), later.value());
        }
    }

    @Nested
    @DisplayName("values")
    class Values {
        @Test
        @DisplayName("JSON values cross both ways; undefined becomes null; integers stay integral")
        void roundTrip() {
            EngineContext context = thread.open(spec(Script.ofText("echo.js", "function echo(v) { return v }")));
            JsonValue value = Json.createObjectBuilder()
                    .add("a", 1)
                    .add("b", 1.5)
                    .add(
                            "list",
                            Json.createArrayBuilder()
                                    .add("x")
                                    .add(JsonValue.TRUE)
                                    .addNull()
                                    .add(Json.createObjectBuilder().add("0", "zero")))
                    .build();
            assertEquals(value, thread.call(context, "echo", value).value());
            assertEquals(Json.createValue(3), eval(context, "echo({ '0': 3 })[0]"));
            assertEquals(JsonValue.NULL, eval(context, "undefined"));
            assertEquals(Json.createValue(9_007_199_254_740_992L), eval(context, "Math.pow(2, 53)"));
            assertTrue(((JsonNumber) eval(context, "Math.pow(2, 53)")).isIntegral());
            assertFalse(((JsonNumber) eval(context, "0.5")).isIntegral());
        }

        @Test
        @DisplayName("functions, symbols, BigInts and cycles fail with UnsupportedValueException; NaN becomes null")
        void unsupported() {
            EngineContext context = thread.open(spec());
            for (String source : new String[] {
                "(function () {})", "({ f: function () {} })", "Symbol('s')", "10n", "var o = {}; o.self = o; o"
            }) {
                assertThrows(UnsupportedValueException.class, () -> eval(context, source), source);
            }
            assertEquals(JsonValue.NULL, eval(context, "0 / 0"));
            assertEquals(
                    Json.createArrayBuilder()
                            .add(JsonValue.EMPTY_JSON_OBJECT)
                            .add(JsonValue.EMPTY_JSON_OBJECT)
                            .build(),
                    eval(context, "var shared = {}; [shared, shared]"),
                    "a value seen twice is no cycle");
        }

        @Test
        @DisplayName("32 levels and 10,000 values cross; one more fails, both ways")
        void limits() {
            EngineContext context = thread.open(spec(Script.ofText("shapes.js", """
                    function nest(n) { let v = 0; for (let i = 0; i < n; i++) v = [v]; return v }
                    function many(n) { return new Array(n).fill(0) }
                    function echo(v) { return v }
                    """)));
            thread.call(context, "nest", Json.createValue(32)).value();
            assertThrows(
                    UnsupportedValueException.class,
                    () -> thread.call(context, "nest", Json.createValue(33)).value());
            thread.call(context, "many", Json.createValue(9_999)).value();
            assertThrows(
                    UnsupportedValueException.class,
                    () -> thread.call(context, "many", Json.createValue(10_000)).value());
            JsonValue deep = Json.createValue(0);
            for (int i = 0; i < 33; i++) {
                deep = Json.createArrayBuilder().add(deep).build();
            }
            JsonValue tooDeep = deep;
            assertThrows(
                    UnsupportedValueException.class,
                    () -> thread.call(context, "echo", tooDeep).value());
        }
    }
}
