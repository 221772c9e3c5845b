package dev.jsctx.pool.rhino;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.JsEngineProvider;
import dev.jsctx.pool.spi.PreparedScripts;
import dev.jsctx.pool.tck.EngineHarness;
import dev.jsctx.pool.tck.HarnessContext;
import dev.jsctx.pool.tck.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
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

    private EngineHarness harness;

    @BeforeEach
    void start() {
        harness = EngineHarness.start(new RhinoEngineProvider(), Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static ContextShape shape(Script... scripts) {
        return new ContextShape(List.of(scripts), ApiSurface.NONE, 0);
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
                .containsAll(java.util.Set.of(EngineCapability.PROMISES, EngineCapability.STATEMENT_BUDGET)));
        assertFalse(provider.capabilities().contains(EngineCapability.BROWSER_API));
        assertTrue(harness.engine().describe().containsKey("version"));
    }

    @Test
    @DisplayName("a context keeps its state between calls, and its numbers come back integral")
    void counter() {
        HarnessContext context = harness.open(shape(COUNTER));
        context.call("inc").value();
        JsonValue count = context.call("inc", Json.createValue(5)).value();
        assertEquals(6, ((JsonNumber) count).longValueExact());
        assertTrue(((JsonNumber) count).isIntegral());
    }

    @Test
    @DisplayName("scripts compiled once run on several runtime threads at the same time, each context apart")
    void sharedScriptsAcrossThreads() throws Exception {
        ContextShape spec = shape(COUNTER);
        PreparedScripts prepared = harness.engine().prepare(spec);
        try (EngineHarness second = harness.anotherThread()) {
            HarnessContext a = harness.open(spec, prepared);
            HarnessContext b = second.open(spec, prepared);
            CompletableFuture<Void> left = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    a.call("inc").value();
                }
            });
            for (int i = 0; i < 3_000; i++) {
                b.call("inc", Json.createValue(2)).value();
            }
            left.get(30, TimeUnit.SECONDS);
            assertEquals(2_000, ((JsonNumber) a.call("get").value()).intValue());
            assertEquals(6_000, ((JsonNumber) b.call("get").value()).intValue());
        }
    }

    @Nested
    @DisplayName("isolation")
    class Isolation {
        @Test
        @DisplayName("a context that changes built-in prototypes and globals changes them for itself only")
        void builtInsArePerContext() {
            HarnessContext a = harness.open(shape(COUNTER));
            HarnessContext b = harness.open(shape(COUNTER));
            assertEquals(Json.createValue(1), a.value("Array.prototype.extra = 1; Object.prototype.x = 2; [].extra"));
            a.value("Math.max = function () { return -1 }; globalThis.leak = 'a'; inc(10)");
            assertEquals(Json.createValue(-1), a.value("Math.max(1, 2)"));
            assertEquals(JsonValue.NULL, b.value("[].extra"));
            assertEquals(
                    Json.createValue("undefined undefined undefined 2 1"),
                    b.value(
                            "typeof ({}).x + ' ' + typeof leak + ' ' + typeof globalThis.leak + ' ' + Math.max(1, 2) + ' ' + inc()"));
        }

        @Test
        @DisplayName("with shared builtins a context cannot change them: it gets a JsException, others see nothing")
        void sharedBuiltinsAreSealed() {
            try (EngineHarness sharedThread =
                    EngineHarness.start(new RhinoEngineProvider(), Map.of("rhino.sharedBuiltins", "true"))) {
                HarnessContext a = sharedThread.open(shape(COUNTER));
                HarnessContext b = sharedThread.open(shape(COUNTER));
                JsException refused = assertThrows(JsException.class, () -> a.value("Array.prototype.extra = 1"));
                assertTrue(refused.jsMessage().contains("sealed"), refused.getMessage());
                a.value("globalThis.mine = 1; var alsoMine = 2; inc(3)");
                assertEquals(
                        Json.createValue("undefined undefined undefined 1 4"),
                        b.eval(
                                        "typeof [].extra + ' ' + typeof mine + ' ' + typeof alsoMine + ' ' + inc() + ' ' + [1, 2, 3].map(x => x + 1).pop()")
                                .value());
                assertEquals(Json.createValue(3), a.call("get").value());
            }
        }

        @Test
        @DisplayName("NONE has no Java, shell or console globals")
        void sandbox() {
            HarnessContext context = harness.open(shape());
            assertEquals(
                    Json.createValue("undefined undefined undefined undefined undefined undefined undefined"),
                    context.value("[typeof java, typeof Packages, typeof JavaAdapter, typeof importPackage, "
                            + "typeof print, typeof load, typeof console].join(' ')"));
        }
    }

    @Nested
    @DisplayName("errors")
    class Errors {
        @Test
        @DisplayName("a thrown Error gives its name, message and stack; a thrown value gives Error and its text")
        void thrown() {
            HarnessContext context = harness.open(shape(Script.ofText(
                    "boom.js",
                    "function boom() { throw new TypeError('bad ' + 1) }\nfunction raw() { throw 'just text' }")));
            JsException typed =
                    assertThrows(JsException.class, () -> context.call("boom").value());
            assertAll(
                    () -> assertEquals("TypeError", typed.jsName()),
                    () -> assertEquals("bad 1", typed.jsMessage()),
                    () -> assertTrue(typed.jsStack().contains("boom.js"), typed.jsStack()));
            JsException raw =
                    assertThrows(JsException.class, () -> context.call("raw").value());
            assertEquals("Error", raw.jsName());
            assertEquals("just text", raw.jsMessage());
            JsException missing =
                    assertThrows(JsException.class, () -> context.call("nope").value());
            assertEquals("TypeError", missing.jsName());
        }

        @Test
        @DisplayName("a syntax error is a SyntaxError, when preparing and when evaluating, and the context lives on")
        void syntax() {
            JsException prepare = assertThrows(
                    JsException.class, () -> harness.engine().prepare(shape(Script.ofText("broken.js", "function ("))));
            assertEquals("SyntaxError", prepare.jsName());
            HarnessContext context = harness.open(shape(COUNTER));
            assertEquals(
                    "SyntaxError",
                    assertThrows(JsException.class, () -> context.value("let = ;"))
                            .jsName());
            assertEquals(Json.createValue("SyntaxError"), context.value("try { eval('(') } catch (e) { e.name }"));
            assertEquals(Json.createValue(1), context.call("inc").value());
        }

        @Test
        @DisplayName("a stack overflow is a RangeError JavaScript can catch, and the context lives on")
        void stackOverflow() {
            HarnessContext context = harness.open(
                    shape(
                            COUNTER,
                            Script.ofText(
                                    "deep.js",
                                    "function deep() { return deep() + 1 }\nfunction deepNative() { return [0].map(deepNative) }")));
            JsException error =
                    assertThrows(JsException.class, () -> context.call("deep").value());
            assertEquals("RangeError", error.jsName());
            assertEquals(JsonValue.TRUE, context.value("try { deep() } catch (e) { e instanceof RangeError }"));
            assertEquals(
                    "RangeError",
                    assertThrows(
                                    JsException.class,
                                    () -> context.call("deepNative").value())
                            .jsName());
            assertEquals(Json.createValue(1), context.call("inc").value());
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {
        @Test
        @DisplayName("interrupt() from another thread stops a loop that catch and finally cannot keep alive")
        void interrupt() throws Exception {
            HarnessContext context = harness.open(shape(COUNTER));
            Outcome spin = context.startEval(
                    "try { while (true) {} } catch (e) { globalThis.caught = 1 } finally { globalThis.cleaned = 1 }");
            while (!spin.isDone()) {
                context.interrupt();
                Thread.onSpinWait();
            }
            assertThrows(RuntimeException.class, spin::value);
            assertEquals(
                    Json.createValue("undefined undefined"), context.value("typeof caught + ' ' + typeof cleaned"));
            assertEquals(Json.createValue(1), context.call("inc").value());
        }

        @Test
        @DisplayName("a call past its statement budget fails, while calls within it never add up")
        void budget() {
            ContextShape budgeted = new ContextShape(List.of(COUNTER), ApiSurface.NONE, 5_000);
            HarnessContext context = harness.open(budgeted);
            for (int i = 1; i <= 500; i++) {
                assertEquals(i, ((JsonNumber) context.call("inc").value()).intValue());
            }
            assertThrows(
                    StatementBudgetExceededException.class, () -> context.value("for (let i = 0; i < 1e9; i++) {}"));
        }
    }

    @Nested
    @DisplayName("promises")
    class Promises {
        @Test
        @DisplayName("a call returning a Promise completes with its value, or fails with its reason")
        void settled() {
            HarnessContext context = harness.open(shape());
            assertEquals(Json.createValue(2), context.value("Promise.resolve(1).then(x => x + 1)"));
            JsException rejected =
                    assertThrows(JsException.class, () -> context.value("Promise.reject(new RangeError('no'))"));
            assertEquals("RangeError", rejected.jsName());
            assertEquals("no", rejected.jsMessage());
        }

        @Test
        @DisplayName("a Promise settled by a later call completes the first call then")
        void settledLater() {
            HarnessContext context = harness.open(shape(Script.ofText(
                    "later.js",
                    "let resolve; function later() { return new Promise(r => resolve = r) }\n"
                            + "function fire(v) { resolve(v); return 'fired' }")));
            Outcome later = context.call("later");
            assertEquals(
                    Json.createValue("fired"),
                    context.call("fire", Json.createValue(7)).value());
            assertEquals(Json.createValue(7), later.value());
        }
    }
}
