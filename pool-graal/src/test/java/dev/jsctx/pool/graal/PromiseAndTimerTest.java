package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.tck.HarnessContext;
import dev.jsctx.pool.tck.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PromiseAndTimerTest extends EngineFixture {

    @Test
    @DisplayName("an async function's result completes the call before it returns")
    void resolvedPromise() {
        HarnessContext ctx = open(ApiSurface.NONE, "async function answer() { await null; return 42; }");
        assertEquals(Json.createValue(42), ctx.call("answer").value());
    }

    @Test
    @DisplayName("a rejected promise fails the call with the rejection's error")
    void rejectedPromise() {
        HarnessContext ctx = open(ApiSurface.NONE, "async function no() { throw new TypeError('nope'); }");
        JsException error = ctx.call("no").error(JsException.class);
        assertEquals("TypeError", error.jsName());
        assertEquals("nope", error.jsMessage());
    }

    @Test
    @DisplayName("a promise waiting on a timer completes when the timer task runs")
    void promiseOnTimer() {
        HarnessContext ctx = open(
                ApiSurface.BROWSER,
                "function later(v) { return new Promise(resolve => setTimeout(() => resolve(v * 2), 100)); }");
        Outcome outcome = ctx.call("later", Json.createValue(21));
        assertFalse(outcome.isDone());
        assertEquals(1, ctx.runTasks());
        assertEquals(Json.createValue(42), outcome.value());
    }

    @Test
    @DisplayName("timers fire in due order; cleared ones never fire; intervals repeat until cleared")
    void timers() {
        HarnessContext ctx = open(ApiSurface.BROWSER, """
                const seen = [];
                function start() {
                  setTimeout(() => seen.push('b'), 20);
                  setTimeout((x) => seen.push(x), 10, 'a');
                  const gone = setTimeout(() => seen.push('never'), 5);
                  clearTimeout(gone);
                  let n = 0;
                  const id = setInterval(() => { seen.push('i' + (++n)); if (n === 3) clearInterval(id); }, 7);
                  queueMicrotask(() => seen.push('micro'));
                  return seen.length;
                }
                function result() { return seen; }
                """);
        assertEquals(Json.createValue(0), ctx.call("start").value());
        ctx.runTasks();
        assertEquals(
                Json.createArrayBuilder()
                        .add("micro")
                        .add("i1")
                        .add("a")
                        .add("i2")
                        .add("b")
                        .add("i3")
                        .build(),
                ctx.call("result").value());
        assertEquals(0, ctx.host().pendingTasks());
    }

    @Test
    @DisplayName("an error thrown by a timer callback is logged with the context's label; later timers still run")
    void timerErrorIsLogged() {
        HarnessContext ctx = open(ApiSurface.BROWSER, """
                let ok = false;
                setTimeout(() => { throw new Error('timer broke'); }, 1);
                setTimeout(() => { ok = true; }, 2);
                function done() { return ok; }
                """);
        ctx.runTasks();
        assertEquals(JsonValue.TRUE, ctx.call("done").value());
        assertTrue(
                ctx.host().logged().stream().anyMatch(l -> l.contains("[test]") && l.contains("timer broke")),
                ctx.host().logged().toString());
    }
}
