package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.tck.HarnessContext;
import dev.jsctx.pool.tck.Outcome;
import jakarta.json.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallTest extends EngineFixture {
    private static final String COUNTER = """
            let count = 0;
            function inc(by = 1) { count += by; return count; }
            function get() { return count; }
            """;

    @Test
    @DisplayName("calls run the global function with the arguments and keep state between calls")
    void callsKeepState() {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER);
        assertEquals(Json.createValue(1), ctx.call("inc").value());
        assertEquals(Json.createValue(6), ctx.call("inc", Json.createValue(5)).value());
        assertEquals(Json.createValue(6), ctx.call("get").value());
    }

    @Test
    @DisplayName("contexts of one engine do not share globals")
    void contextsAreIsolated() {
        HarnessContext a = open(ApiSurface.NONE, COUNTER);
        HarnessContext b = open(ApiSurface.NONE, COUNTER);
        a.call("inc", Json.createValue(3)).value();
        assertEquals(Json.createValue(0), b.call("get").value());
    }

    @Test
    @DisplayName("a function redefined by eval is the one called afterwards")
    void evalRedefinitionIsSeen() {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER);
        ctx.call("inc").value();
        ctx.value("globalThis.inc = function () { return 'replaced'; }; 0");
        assertEquals(Json.createValue("replaced"), ctx.call("inc").value());
    }

    @Test
    @DisplayName("calling a missing global is a TypeError")
    void missingFunction() {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER);
        JsException error = ctx.call("nope").error(JsException.class);
        assertEquals("TypeError", error.jsName());
        assertTrue(error.jsMessage().contains("nope"), error.jsMessage());
    }

    @Test
    @DisplayName("a thrown error keeps its name, message and stack; the context lives on")
    void thrownError() {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER + "function bad() { throw new RangeError('too far'); }");
        JsException error = ctx.call("bad").error(JsException.class);
        assertEquals("RangeError", error.jsName());
        assertEquals("too far", error.jsMessage());
        assertTrue(error.jsStack().contains("script0.js"), error.jsStack());
        assertEquals(Json.createValue(1), ctx.call("inc").value());
    }

    @Test
    @DisplayName("a thrown non-error value is an Error with the value as message")
    void thrownValue() {
        JsException error = open(ApiSurface.NONE).eval("throw 'boom'").error(JsException.class);
        assertEquals("Error", error.jsName());
        assertEquals("boom", error.jsMessage());
    }

    @Test
    @DisplayName("a stack overflow is a RangeError and the context lives on")
    void stackOverflow() {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER + "function deep(n) { return deep(n + 1) + 1; }");
        JsException error = ctx.call("deep", Json.createValue(0)).error(JsException.class);
        assertEquals("RangeError", error.jsName());
        assertEquals(Json.createValue(1), ctx.call("inc").value());
    }

    @Test
    @DisplayName("a script that does not parse fails prepare with a SyntaxError")
    void syntaxError() {
        ContextShape broken = new ContextShape(List.of(Script.ofText("broken.js", "function (")), ApiSurface.NONE, 0);
        JsException error = assertThrows(JsException.class, () -> engine.prepare(broken));
        assertEquals("SyntaxError", error.jsName());
        assertTrue(error.getMessage().contains("broken.js"), error.getMessage());
    }

    @Test
    @DisplayName("prepare works from a virtual thread (it parses on a platform thread), errors included")
    void prepareOnVirtualThread() throws Exception {
        ContextShape broken = new ContextShape(List.of(Script.ofText("broken.js", "function (")), ApiSurface.NONE, 0);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        engine.prepare(broken);
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                })
                .join();
        JsException error = assertInstanceOf(JsException.class, thrown.get());
        assertEquals("SyntaxError", error.jsName());
    }

    @Test
    @DisplayName("a script that throws while loading fails createContext with its error")
    void loadError() {
        JsException error = assertThrows(JsException.class, () -> open(ApiSurface.NONE, "null.x"));
        assertEquals("TypeError", error.jsName());
    }

    @Test
    @DisplayName("interrupt stops a running call from another thread and the context lives on")
    void interrupt() throws Exception {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER + "function spin() { for (;;) {} }");
        AtomicBoolean finished = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            while (!finished.get()) {
                ctx.interrupt();
                Thread.onSpinWait();
            }
        });
        Outcome outcome = ctx.call("spin");
        finished.set(true);
        watchdog.get(10, TimeUnit.SECONDS);
        RuntimeException error = outcome.error(RuntimeException.class);
        assertFalse(error instanceof JsException, "an interrupt is not a JavaScript error: " + error);
        assertEquals(Json.createValue(1), ctx.call("inc").value());
    }

    @Test
    @DisplayName("the statement budget is per call; running past it closes the context with a clear error")
    void statementBudget() {
        HarnessContext ctx = openWithBudget(5_000, COUNTER + """
                function work(n) { let s = 0; for (let i = 0; i < n; i++) { s += i; } return s; }
                """);
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    Json.createValue(499500),
                    ctx.call("work", Json.createValue(1_000)).value());
        }
        StatementBudgetExceededException error =
                ctx.call("work", Json.createValue(100_000)).error(StatementBudgetExceededException.class);
        assertTrue(error.getMessage().contains("5000"), error.getMessage());
    }

    @Test
    @DisplayName("interrupting an idle context is harmless")
    void idleInterrupt() {
        HarnessContext ctx = open(ApiSurface.NONE, COUNTER);
        ctx.interrupt();
        assertEquals(Json.createValue(1), ctx.call("inc").value());
    }
}
