package dev.jsctx.playground;

import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import dev.jsctx.pool.CallQueueFullException;
import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.CpuShareExceededException;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.MemoryLimitExceededException;
import dev.jsctx.pool.UnsupportedValueException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One tab of the playground. On connect, {@code mount} opens the tab's own context ({@link PlaygroundContexts});
 * a run evaluates the tab's code in it without blocking the socket: what the code prints arrives as it is printed
 * (the console listener wakes the view, at most 50 ms later), and the result or error when the run ends. State persists between runs
 * until Reset, which opens a fresh context. A context the pool closed (memory limit, fair share) is replaced by a
 * fresh one at once, and the page says so. After a time-out the tab cools down ({@link TabCoolDown}): a context it
 * opens meanwhile gets the short time limit, so Reset or a closed context does not hand an endless loop a full one.
 */
final class PlaygroundLive implements LiveView {
    private static final Template PAGE = Template.of("""
            <main class="playground">
              <h1>JavaScript playground</h1>
              <p class="about">Your code runs in this tab's own JavaScript context on the server, beside everyone
              else's. It keeps its state between runs until Reset. It can use <code>console.log</code>,
              <code>setTimeout</code>, <code>kv.get(key)</code> / <code>kv.set(key, value)</code> (this tab's small
              store) and <code>serverTime()</code>; nothing else of the server.</p>
              <form id="run-form" data-jsctx-submit="run">
                <textarea id="code" name="code" rows="10" spellcheck="false" maxlength="{}">1 + 1</textarea>
                <div class="buttons">
                  <button id="run" type="submit">Run</button>
                  <button id="reset" type="button" data-jsctx-click="reset">Reset</button>
                </div>
              </form>
              <p id="status">{}</p>
              <pre id="output" aria-live="polite">{}</pre>
              <pre id="result">{}</pre>
              <p id="error" role="alert">{}</p>
              <dl class="stats">
                <div><dt>Its heap</dt><dd id="memory">{}</dd></div>
                <div><dt>Limits</dt><dd id="limits">{}</dd></div>
              </dl>
            </main>""");

    /** The outcome of a run, delivered to the view's thread. */
    private record Finished(int run, JsonValue value, Throwable error) {}

    /**
     * Wakes the view to show new output; one pending wake at a time, so a flood cannot fill the mailbox, and sent
     * {@link #OUTPUT_DELAY} after the first new line, so a flood renders 20 times a second, not once a line (once
     * a line, rendering and the browser took ten times the CPU of the printing code itself).
     */
    private static final Object OUTPUT = new Object();

    private static final Executor OUTPUT_DELAY =
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS, Runnable::run);

    private final PlaygroundContexts contexts;
    private final PlaygroundLimits limits;
    private final TabOutput output;
    private final TabStore store;
    private final TabCoolDown coolDown;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private LiveSession session;
    private JsContext js;
    /** Whether {@link #js} was opened during a cool-down, with the short time limit. */
    private boolean coolingDown;

    private int runs;
    private boolean running;
    private String status = "";
    private String result = "";
    private String error = "";
    private String memory = "not measured yet";

    PlaygroundLive(PlaygroundContexts contexts) {
        this.contexts = contexts;
        this.limits = contexts.limits();
        this.output = new TabOutput(limits.maxOutputLines(), limits.maxOutputChars());
        this.store = new TabStore(limits.kvMaxBytes());
        this.coolDown = new TabCoolDown(limits.coolDown(), System::nanoTime);
    }

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        this.session = session;
        if (session.connected()) {
            js = contexts.open(store, this::printed, false); // a new tab has not timed out yet
            // the session owns whichever context the tab has when it ends: owning each replaced one too would keep
            // every closed context, and a bombed one's heap with it, until the tab closed (100 bombs took 1 GB)
            session.own(() -> js.close());
        }
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        requireConnected();
        switch (name) {
            case "run" -> run(payload.get("code"));
            case "reset" -> reset();
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public void handleInfo(Object message) {
        if (message == OUTPUT) {
            wakePending.set(false);
        } else if (message instanceof Finished finished && finished.run() == runs) {
            running = false;
            show(finished);
            measure();
        }
    }

    @Override
    public Rendered render() {
        return PAGE.with(
                limits.maxCodeChars(), status, output.text(), result, error, memory, contexts.limitsText(coolingDown));
    }

    /** Runtime thread: the tab's code printed a line. */
    private void printed(String line) {
        output.add(line);
        if (wakePending.compareAndSet(false, true)) {
            OUTPUT_DELAY.execute(() -> session.send(OUTPUT));
        }
    }

    private void run(JsonValue field) {
        String code = field instanceof JsonString text ? text.getString() : "";
        result = "";
        error = "";
        if (code.length() > limits.maxCodeChars()) {
            // refused here, before the engine parses it
            error = "The code is too long: " + code.length() + " characters, at most " + limits.maxCodeChars()
                    + ". It was not run.";
            return;
        }
        if (running) {
            error = "The previous run has not finished; wait for it or Reset.";
            return;
        }
        running = true;
        status = "running…";
        int run = ++runs;
        js.evalAsync(code).whenComplete((value, failure) -> session.send(new Finished(run, value, failure)));
    }

    private void reset() {
        runs++; // a run still going belongs to the old context: its outcome is not shown
        running = false;
        replaceContext();
        output.clear();
        result = "";
        error = "";
        status = "Fresh context.";
        measure();
    }

    private void show(Finished finished) {
        Throwable failure = finished.error() instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause()
                : finished.error();
        status = "";
        if (failure == null) {
            result = cut(
                    finished.value() == null ? "undefined" : finished.value().toString());
            return;
        }
        error = switch (failure) {
            case JsException e -> describe(e);
            case MemoryLimitExceededException e -> {
                replaceContext();
                yield "Stopped: the code held more than the memory limit of " + mib(e.limitBytes())
                        + ". This tab now has a fresh context (its earlier state is gone).";
            }
            case CallTimeoutException e -> {
                coolDown.offended();
                yield "Stopped: the run took longer than the time limit of "
                        + e.limit().toMillis() + " ms. The context lives on with its state.";
            }
            case CpuShareExceededException e -> {
                coolDown.offended();
                replaceContext();
                yield "Stopped: this tab's code kept running into its time limit, so its context was closed to keep"
                        + " the other tabs' runs fast. This tab now has a fresh context with a run limit of "
                        + limits.coolDownCallTimeout().toMillis() + " ms (a cool-down, see Limits).";
            }
            case ContextClosedException e -> {
                replaceContext();
                yield "The context was closed (" + e.getMessage() + "). This tab now has a fresh context.";
            }
            case UnsupportedValueException e -> "The result cannot be shown: " + e.getMessage();
            case CallQueueFullException e -> "Too many runs at once; try again.";
            default -> "The run failed: " + failure.getMessage();
        };
    }

    private static String describe(JsException e) {
        String text = e.jsName() + ": " + e.jsMessage();
        if ("SyntaxError".equals(e.jsName())
                && e.jsStack() != null
                && !e.jsMessage().contains(":")) {
            text += " (" + e.jsStack().lines().findFirst().orElse("") + ")";
        }
        return text;
    }

    private void replaceContext() {
        js.close();
        coolingDown = coolDown.active();
        js = contexts.open(store, this::printed, coolingDown);
    }

    private void measure() {
        try {
            long bytes = js.memoryBytes();
            memory = bytes < 0 ? "not measured by this engine" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        } catch (RuntimeException e) {
            memory = "not measured (" + e.getClass().getSimpleName() + ")";
        }
    }

    private String cut(String text) {
        int max = limits.maxResultChars();
        return text.length() <= max
                ? text
                : text.substring(0, max) + "… (" + (text.length() - max) + " more characters not shown)";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }

    private void requireConnected() {
        if (js == null) {
            throw new IllegalStateException("event before the view was connected");
        }
    }
}
