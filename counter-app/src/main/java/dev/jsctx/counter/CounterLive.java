package dev.jsctx.counter;

import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import dev.jsctx.pool.CallQueueFullException;
import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.PoolStats;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One tab's counter. When the tab connects, {@code mount} opens the tab's own JS context (API surface
 * {@code NONE}, {@code counter.js}) and hands it to the session, so the context closes with the tab. Events
 * call the context; {@code render} shows its count, the last refusal, where the context lives and, when the tab
 * asks ({@code measure}), the heap the context holds.
 *
 * <p>The plain-HTML first render (no socket yet) opens no context: it shows the starting count, so a crawler or
 * a page load that never connects costs no JavaScript context.
 *
 * <p>When its server stops (or its socket goes), the view parks the count; the tab's next join, on any node
 * sharing the park store, restores it into the new context ({@code restore} in {@code counter.js}).
 */
final class CounterLive implements LiveView {
    /** Longest amount accepted, as the field's {@code maxlength} says; longer ones never reach JS. */
    static final int MAX_AMOUNT_CHARS = 32;

    private static final Template PAGE = Template.of("""
            <main class="counter">
              <h1>Counter</h1>
              <p class="count-line">Count <output id="count" aria-live="polite">{}</output></p>
              <div class="buttons">
                <button id="dec" type="button" data-jsctx-click="dec" aria-label="Decrease by one">&minus;1</button>
                <button id="reset" type="button" data-jsctx-click="reset">Reset</button>
                <button id="inc" type="button" data-jsctx-click="inc" aria-label="Increase by one">+1</button>
              </div>
              <form id="add" data-jsctx-submit="add">
                <label for="amount">Amount</label>
                <input id="amount" name="amount" type="text" inputmode="numeric" autocomplete="off" value="5" maxlength="32">
                <button type="submit">Add</button>
              </form>
              <p id="error" role="alert">{}</p>
              <dl class="stats">
                <div><dt>This tab</dt><dd id="context">{}</dd></div>
                <div><dt>Its heap</dt><dd id="memory">{}</dd></div>
                <div><dt>Pool</dt><dd id="pool">{}</dd></div>
              </dl>
            </main>""");
    /** The heap line where the engine measures: the last figure and the button that takes a new one. */
    private static final Template MEASURED =
            Template.of("{} <button id=\"measure\" type=\"button\" data-jsctx-click=\"measure\">Measure</button>");

    private static final String NOT_MEASURED = "not measured by this engine";

    private final ContextPool pool;
    private final LiveSessions sessions;
    private final String runtime;
    private final boolean measurable;
    private JsContext js;
    private long count;
    private String error = "";
    /** The last measurement of this tab's context, or null before the first. */
    private Long memoryBytes;

    CounterLive(ContextPool pool, LiveSessions sessions, String runtime) {
        this.pool = pool;
        this.sessions = sessions;
        this.runtime = runtime;
        this.measurable = pool.capabilities().contains(EngineCapability.MEMORY_MEASUREMENT);
    }

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        if (!session.connected()) {
            return;
        }
        js = session.own(pool.open(CounterPool.COUNTER_SPEC));
        session.own(sessions.join(session));
        count = countOf(js.call("get"));
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        switch (name) {
            case "inc", "dec", "reset" -> callCounter(name);
            case "add" -> {
                JsonValue amount = amountOf(payload);
                if (lengthOf(amount) > MAX_AMOUNT_CHARS) {
                    // checked here, before JS parses it: a long amount would cost the runtime thread per digit
                    error = "The amount is too long: at most " + MAX_AMOUNT_CHARS + " characters.";
                } else {
                    callCounter("add", amount);
                }
            }
            case "measure" -> measure();
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public Optional<JsonValue> park() {
        return js == null ? Optional.empty() : Optional.of(Json.createValue(count));
    }

    @Override
    public void resume(JsonValue state) {
        if (js == null) {
            return;
        }
        try {
            count = countOf(js.call("restore", state));
        } catch (JsException e) {
            // a state of another shape (another version of the app): counter.js refused it, the count stays
        }
    }

    @Override
    public Rendered render() {
        return PAGE.with(count, error, contextLine(), memoryLine(), poolLine());
    }

    private void callCounter(String function, JsonValue... args) {
        if (js == null) {
            throw new IllegalStateException("event before the view was connected");
        }
        try {
            count = countOf(js.call(function, args));
            error = "";
        } catch (JsException e) {
            error = e.jsMessage();
        } catch (CallTimeoutException e) {
            error = "The counter took too long to answer; try again.";
        } catch (CallQueueFullException e) {
            error = "Too many clicks at once; try again.";
        }
        // Any other failure (the context closed under us) ends the view; the client rejoins with a fresh one.
    }

    private static int lengthOf(JsonValue amount) {
        return amount instanceof JsonString text
                ? text.getString().length()
                : amount.toString().length();
    }

    /**
     * The form's amount as sent, text or number: counter.js parses and checks it, so the rules live in one place.
     * Its length is checked first ({@link #MAX_AMOUNT_CHARS}).
     */
    private static JsonValue amountOf(JsonObject payload) {
        JsonValue amount = payload.get("amount");
        return amount instanceof JsonString || amount instanceof JsonNumber ? amount : JsonValue.NULL;
    }

    private static long countOf(JsonValue value) {
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.longValueExact();
        }
        throw new IllegalStateException("counter.js returned " + value + " instead of an integer");
    }

    /**
     * Measures the tab's context only when asked: on GraalJS one measurement walks the context's heap and keeps its
     * runtime thread from every other tab's calls for about 2 ms (BENCHMARKS.md, {@code run.sh memory-cost}), too
     * much for every event, refresh or mount of thousands of tabs.
     */
    private void measure() {
        if (js == null) {
            throw new IllegalStateException("event before the view was connected");
        }
        try {
            memoryBytes = js.memoryBytes();
        } catch (CallTimeoutException | CallQueueFullException e) {
            error = "The counter is busy; measure again.";
        }
    }

    private String contextLine() {
        return js == null ? "not connected" : "runtime thread " + js.threadIndex();
    }

    private Object memoryLine() {
        if (!measurable || (memoryBytes != null && memoryBytes < 0)) {
            return NOT_MEASURED;
        }
        return MEASURED.with(
                memoryBytes == null
                        ? "not measured yet"
                        : String.format(Locale.ROOT, "%.1f KB when last measured", memoryBytes / 1024.0));
    }

    private String poolLine() {
        PoolStats stats = pool.stats();
        return stats.contextsOpen() + " contexts open on "
                + stats.contextsPerThread().size() + " threads, " + runtime;
    }
}
