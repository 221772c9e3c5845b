package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.FairShare;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.UnsupportedCapabilityException;
import dev.jsctx.pool.UnsupportedValueException;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance kit's isolation chapter, in the manner of QuickBEAM's isolation tests: whatever one context does to
 * its own world (globals, built-in prototypes, {@code globalThis}, RegExp statics) and whatever goes wrong in it (a
 * thrown error, a stack overflow, a time-out) stays in that context. Every check looks from a neighbour on the
 * same runtime thread, where contexts share the most (an engine runtime, spare contexts, one thread's engine
 * state), and from one on another thread. A call given up on (timed out awaiting a Promise) keeps nothing alive,
 * and the {@link BrowserLimits} hold: pending timers, the minimum timer delay, console lines and bytes per second.
 *
 * <p>An engine module extends it with one small class that names the engine, as for {@link PoolCompatibilityKit}.
 * The kit runs on its own pool of two runtime threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IsolationKit extends PoolKit {
    private static final Script ISOLATION_SCRIPT = Script.ofText("isolation.js", """
            var counter = 0;
            function inc() { return ++counter; }
            function spin() { while (true) { } }
            function recurse(n) { return recurse(n + 1) + 1; }
            function thrower() { throw new TypeError("bad input"); }
            var unsettled = [];
            function hang() { return new Promise(function (resolve) { unsettled.push(resolve); }); }
            """);

    /** A context's time limit on probation, in {@link #probationBoundsARepeatOffender}. */
    private static final Duration PROBATION_LIMIT = Duration.ofMillis(20);

    /** Where the pool reports engine code (other than a call) that ran past its time limit. */
    private static final String POOL_LOGGER = "dev.jsctx.pool.ContextLane";

    /** The chapter's pool bounds, small enough to reach in a test. */
    private static final BrowserLimits KIT_LIMITS = BrowserLimits.builder()
            .maxPendingTimers(50)
            .minTimerDelay(Duration.ofMillis(4))
            .maxLogLineBytes(256)
            .logBytesPerSecond(4_096)
            .build();

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
                configure(PoolConfig.builder().engine(engineName()).threads(2).browserLimits(KIT_LIMITS))
                        .build());
    }

    @Test
    @DisplayName("a global set in one context is not seen in another, on the same thread or not")
    void globalsStayInTheirContext() {
        JsContext polluter = open("polluter");
        for (JsContext other : neighbours(polluter)) {
            polluter.eval("globalThis.leak = 42; var leak2 = 'x'; 1");
            assertEquals(
                    PoolCompatibilityKit.json("[\"undefined\",\"undefined\"]"),
                    other.eval("[typeof leak, typeof leak2]"));
        }
    }

    @Test
    @DisplayName("built-in prototypes, objects and globalThis changed in one context are intact in another")
    void tamperingStaysInItsContext() {
        JsContext polluter = open("polluter");
        tamper(polluter);
        assertEquals(
                PoolCompatibilityKit.json("[\"number\",\"number\",\"hacked\",\"hacked\",-1,\"number\",\"string\",1]"),
                polluter.eval(TAMPERING_PROBE));
        for (JsContext other : neighbours(polluter)) {
            assertPristine(other);
        }
    }

    @Test
    @DisplayName("tampering never reaches contexts opened later on the same thread, spares included, nor a reset")
    void tamperingDoesNotReachLaterContexts() {
        JsContext polluter = open("polluter");
        Await.awaitTrue("a spare is ready", () -> pool.stats().sparesReady() > 0);
        tamper(polluter);
        List<JsContext> later = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // more than the spares per thread: some from spares, some built afresh
            later.add(open("later"));
        }
        assertTrue(
                later.stream().anyMatch(ctx -> ctx.threadIndex() == polluter.threadIndex()),
                "some later context shares the polluter's thread");
        later.forEach(IsolationKit::assertPristine);
        polluter.close();
        JsContext afterClose = openOnThread("after-close", polluter.threadIndex(), true);
        assertPristine(afterClose);
        JsContext resetOne = open("reset");
        tamper(resetOne);
        resetOne.reset();
        assertPristine(resetOne);
    }

    @Test
    @DisplayName("errors and stack overflows stay in their context; it and its neighbours keep their state")
    void errorsStayInTheirContext() {
        JsContext failing = open("failing");
        failing.call("inc");
        List<JsContext> others = neighbours(failing);
        others.forEach(other -> other.call("inc"));
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    "TypeError",
                    assertThrows(JsException.class, () -> failing.call("thrower"))
                            .jsName());
            assertEquals(
                    "RangeError",
                    assertThrows(JsException.class, () -> failing.call("recurse", Json.createValue(0)))
                            .jsName());
        }
        assertEquals(2, number(failing.call("inc")));
        for (JsContext other : others) {
            assertEquals(2, number(other.call("inc")));
        }
    }

    @Test
    @DisplayName("a time-out stays in its context: the neighbour on its thread then answers, both keep their state")
    void timeoutsStayInTheirContext() {
        JsContext runaway = pool.open(ContextSpec.builder()
                .addScript(ISOLATION_SCRIPT)
                .label("runaway")
                .callTimeout(Duration.ofMillis(200))
                // the full limit on probation too: the calls after the time-out check state, not the probation
                // limit, which a loaded machine's next call can miss
                .fairShare(FairShare.builder()
                        .probationCallTimeout(Duration.ofMillis(200))
                        .build())
                .build());
        opened.add(runaway);
        runaway.call("inc");
        JsContext neighbour = openOnThread("neighbour", runaway.threadIndex(), true);
        CompletableFuture<JsonValue> spin = runaway.callAsync("spin").toCompletableFuture();
        assertEquals(1, number(neighbour.call("inc")));
        assertInstanceOf(CallTimeoutException.class, Await.failure(spin));
        assertEquals(2, number(runaway.call("inc")));
        assertEquals(2, number(neighbour.call("inc")));
    }

    @Test
    @DisplayName("after a time-out a context gets its probation limit: a spin fails at that limit and says when")
    void probationBoundsARepeatOffender() {
        JsContext runaway = pool.open(ContextSpec.builder()
                .addScript(ISOLATION_SCRIPT)
                .label("repeat-offender")
                .callTimeout(Duration.ofMillis(200))
                .fairShare(FairShare.builder()
                        .share(1) // no pause: the check is on the limit, not on the deferral
                        .probationCallTimeout(PROBATION_LIMIT)
                        .build())
                .build());
        opened.add(runaway);
        JsContext neighbour = openOnThread("neighbour", runaway.threadIndex(), true);
        CallTimeoutException first = assertThrows(CallTimeoutException.class, () -> runaway.call("spin"));
        assertEquals(Duration.ofMillis(200), first.limit());
        for (int i = 0; i < 3; i++) {
            CallTimeoutException again = assertThrows(CallTimeoutException.class, () -> runaway.call("spin"));
            assertEquals(PROBATION_LIMIT, again.limit(), "on probation its calls may hold the thread this long");
            assertTrue(
                    again.elapsed().compareTo(again.limit()) >= 0,
                    "the failure reports how long the call held its thread: " + again.getMessage());
            assertEquals(1 + i, number(neighbour.call("inc")), "the neighbour on its thread answers in between");
        }
    }

    @Test
    @DisplayName("RegExp legacy statics (lastMatch, $1, input) set by one context are not read by another")
    void regExpMatchStaysInItsContext() {
        JsContext matcher = open("matcher");
        for (JsContext other : neighbours(matcher)) {
            assertEquals(Json.createValue("secret-42"), matcher.eval("/secret-(\\d+)/.exec('my secret-42')[0]"));
            JsonValue seen = other.eval("""
                    [RegExp.lastMatch, RegExp['$1'], RegExp.input, RegExp.leftContext]
                      .map(function (v) { return v === undefined ? '' : String(v); }).join('|')""");
            assertTrue(
                    !seen.toString().contains("secret") && !seen.toString().contains("42"),
                    "a neighbour read the matcher's last match: " + seen);
        }
    }

    @Test
    @DisplayName("RegExp.multiline set in one context leaves another's anchored patterns anchored")
    void regExpMultilineStaysInItsContext() {
        JsContext setter = open("setter");
        for (JsContext other : neighbours(setter)) {
            setter.eval("RegExp.multiline = true; 0");
            assertEquals(JsonValue.FALSE, other.eval("/^[+-]?\\d+$/.test('5\\nabc')"));
            assertEquals(JsonValue.TRUE, other.eval("/^[+-]?\\d+$/.test('-5')"));
        }
    }

    @Test
    @DisplayName("a call that timed out awaiting a Promise that never settles keeps nothing of the call alive")
    void timedOutCallIsReleased() {
        JsContext ctx = pool.open(ContextSpec.builder()
                .addScript(ISOLATION_SCRIPT)
                .label("hanging")
                .callTimeout(Duration.ofMillis(100))
                // the full limit on probation too, should the first call's run stall past it on a loaded machine
                .fairShare(FairShare.builder()
                        .probationCallTimeout(Duration.ofMillis(100))
                        .build())
                .build());
        opened.add(ctx);
        if (!pool.capabilities().contains(EngineCapability.PROMISES)) {
            assertThrows(UnsupportedValueException.class, () -> ctx.call("hang"));
            return;
        }
        CompletionStage<JsonValue> stage = ctx.callAsync("hang");
        assertInstanceOf(CallTimeoutException.class, Await.failure(stage));
        WeakReference<CompletionStage<JsonValue>> call = new WeakReference<>(stage);
        stage = null; // the script keeps the Promise (its resolve function) for as long as the context lives
        Await.awaitTrue("the timed-out call is collected", () -> {
            System.gc();
            return call.get() == null;
        });
        assertEquals(1, number(ctx.eval("unsettled.length")));
    }

    @Test
    @DisplayName("BROWSER: pending timers are capped per context, and one context's timers leave room to another")
    void timersAreCapped() {
        withBrowser("timers", ctx -> {
            JsContext neighbour = openOnThread(browserSpec("timer-neighbour"), ctx.threadIndex(), true);
            ctx.eval("for (var i = 0; i < 49; i++) { setTimeout(function () { }, 60000); }"
                    + " globalThis.last = setInterval(function () { }, 60000); 0");
            JsException refused = assertThrows(JsException.class, () -> ctx.eval("setTimeout(function () { }, 60000)"));
            assertEquals("RangeError", refused.jsName());
            assertTrue(refused.jsMessage().contains("50"), refused.jsMessage());
            assertEquals(
                    JsonValue.TRUE,
                    ctx.eval("clearInterval(last); typeof setTimeout(function () { }, 1) === 'number'"));
            assertEquals(
                    JsonValue.TRUE,
                    neighbour.eval(
                            "var ids = []; for (var i = 0; i < 50; i++) { ids.push(setTimeout(function () { }, 60000)); }"
                                    + " ids.length === 50"));
        });
    }

    @Test
    @DisplayName("BROWSER: no timer runs sooner than the minimum delay, setInterval(f, 0) included")
    void timersHaveAMinimumDelay() {
        withBrowser("interval", ctx -> {
            ctx.eval("globalThis.ticks = []; globalThis.start = Date.now();"
                    + " globalThis.iv = setInterval(function () { ticks.push(Date.now()); }, 0); 0");
            Await.awaitTrue("the interval ran 20 times", () -> number(ctx.eval("ticks.length")) >= 20);
            JsonValue spacing = ctx.eval("clearInterval(iv); [ticks.length, ticks[ticks.length - 1] - start]");
            long runs = number(spacing.asJsonArray().get(0));
            long elapsed = number(spacing.asJsonArray().get(1));
            long minDelay = KIT_LIMITS.minTimerDelay().toMillis();
            assertTrue(
                    runs <= elapsed / minDelay + 1,
                    runs + " runs in " + elapsed + " ms, with " + minDelay + " ms apart");
        });
    }

    @Test
    @DisplayName(
            "BROWSER: a spinning setInterval is logged in one rate-limited line, not as an uncaught error each run")
    void spinningTimerIsLoggedOnce() {
        String label = "spinning-timer-" + System.nanoTime();
        ContextSpec spinning = ContextSpec.builder()
                .addScript(ISOLATION_SCRIPT)
                .apiSurface(ApiSurface.BROWSER)
                .label(label)
                .callTimeout(Duration.ofMillis(200))
                .fairShare(FairShare.builder()
                        .share(1)
                        .probationCallTimeout(PROBATION_LIMIT)
                        .maxTimeouts(5) // closed after its sixth time-out
                        .build())
                .build();
        withBrowser(spinning, ctx -> {
            try (LogCapture script = new LogCapture();
                    LogCapture pool = new LogCapture(POOL_LOGGER)) {
                long started = System.nanoTime();
                ctx.eval("setInterval(spin, 0); 0");
                Await.awaitTrue("the spinning context is closed for its share", () -> !ctx.isOpen());
                List<String> lines = pool.matching(label).stream()
                        .filter(line -> line.contains("ran past its time limit"))
                        .toList();
                long windows = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 10 + 1;
                assertTrue(
                        !lines.isEmpty() && lines.size() <= windows,
                        "at most one line per 10 s for 6 time-outs: " + lines);
                Await.awaitTrue(
                        "its closing is logged",
                        () -> pool.matching(label).stream().anyMatch(line -> line.contains("closed")));
                assertEquals(List.of(), script.matching("interrupted"), "the engine does not log it again");
            }
        });
    }

    @Test
    @DisplayName("BROWSER: a console line is escaped (CR/LF) and cut at its limit, the marker says how much")
    void consoleLinesAreEscapedAndCut() {
        withBrowser("console-line", ctx -> {
            try (LogCapture log = new LogCapture()) {
                String marker = "iso-line-" + System.nanoTime();
                ctx.eval("console.log('" + marker + "\\nFORGED line\\r\\n'); console.log('" + marker
                        + "-long ' + 'x'.repeat(1000)); 0");
                List<String> lines = log.matching(marker);
                assertEquals(2, lines.size(), "one record per console call: " + lines);
                assertTrue(lines.get(0).contains(marker + "\\nFORGED line\\r\\n"), lines.get(0));
                assertTrue(lines.stream().noneMatch(l -> l.contains("\n") || l.contains("\r")), "no raw CR/LF");
                String cut = lines.get(1);
                assertTrue(cut.contains("bytes cut]"), cut);
                assertTrue(cut.length() < 400, "cut near 256 bytes: " + cut.length());
            }
        });
    }

    @Test
    @DisplayName("BROWSER: console output past its bytes per second is dropped, then counted; rejection warnings too")
    void consoleIsRateLimited() {
        withBrowser("console-flood", ctx -> {
            try (LogCapture log = new LogCapture()) {
                String marker = "iso-flood-" + System.nanoTime();
                long started = System.nanoTime();
                ctx.eval("for (var i = 0; i < 150; i++) { console.log('" + marker + " ' + 'y'.repeat(150)); } 0");
                ctx.eval("for (var j = 0; j < 300; j++) { Promise.reject(new Error('" + marker + "-rejected')); } 0");
                String label = "[console-flood] ";
                // What the limit counts: each line without the label the log adds; read before the clock stops, so
                // that a rejection logged late falls inside the windows allowed for.
                long loggedBytes = log.matching(label).stream()
                        .filter(line -> !line.contains("dropped: over the limit"))
                        .mapToLong(line -> line.substring(line.indexOf(label) + label.length())
                                .getBytes(StandardCharsets.UTF_8)
                                .length)
                        .sum();
                long windows = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 2;
                assertTrue(
                        loggedBytes <= windows * KIT_LIMITS.logBytesPerSecond(),
                        loggedBytes + " bytes logged in at most " + windows + " one-second windows");
                assertTrue(log.count(marker) > 0, "some lines were logged");
                Await.awaitTrue("the dropped lines are counted", () -> {
                    ctx.eval("console.log('tick'); 0");
                    return log.contains("log lines (");
                });
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Runs a BROWSER check on a new BROWSER context if the engine declares BROWSER_API; otherwise checks that such
     * a context is refused cleanly.
     */
    private void withBrowser(String label, Consumer<JsContext> check) {
        withBrowser(browserSpec(label), check);
    }

    private void withBrowser(ContextSpec spec, Consumer<JsContext> check) {
        if (pool.capabilities().contains(EngineCapability.BROWSER_API)) {
            check.accept(openSpec(spec));
        } else {
            UnsupportedCapabilityException error =
                    assertThrows(UnsupportedCapabilityException.class, () -> openSpec(spec));
            assertEquals(EngineCapability.BROWSER_API, error.capability());
        }
    }

    /** A BROWSER spec; its calls may take long on a loaded machine (the flood runs interpreted). */
    private static ContextSpec browserSpec(String label) {
        return ContextSpec.builder()
                .addScript(ISOLATION_SCRIPT)
                .apiSurface(ApiSurface.BROWSER)
                .label(label)
                .callTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** What {@link #tamper} changes, read back: pristine in every other context. */
    private static final String TAMPERING_PROBE = """
            [typeof [].polluted, typeof ({}).evil, ' x '.trim(), JSON.stringify({a: 1}), Math.max(1, 2),
             typeof globalThis.parseInt, typeof globalThis.undefinedLeak,
             (function () { var a = []; a.push(1); return a.length === 1 ? 0 : 1; })()]""";

    /** Changes built-in prototypes, built-in objects and globals, as a hostile script would. */
    private static void tamper(JsContext ctx) {
        ctx.eval("""
                Array.prototype.polluted = 1; Object.prototype.evil = 2;
                String.prototype.trim = function () { return 'hacked'; };
                JSON.stringify = function () { return 'hacked'; }; Math.max = function () { return -1; };
                globalThis.parseInt = 5;
                Object.defineProperty(Object.prototype, 'undefinedLeak', { get: function () { return 'leaked'; },
                  configurable: true });
                Array.prototype.push = function () { return 0; }; 1""");
    }

    private static void assertPristine(JsContext ctx) {
        assertEquals(
                PoolCompatibilityKit.json(
                        "[\"undefined\",\"undefined\",\"x\",\"{\\\"a\\\":1}\",2,\"function\",\"undefined\",0]"),
                ctx.eval(TAMPERING_PROBE),
                "context '" + ctx.label() + "' on thread " + ctx.threadIndex() + " saw another context's tampering");
    }

    private JsContext open(String label) {
        return openSpec(
                ContextSpec.builder().addScript(ISOLATION_SCRIPT).label(label).build());
    }

    private JsContext openSpec(ContextSpec spec) {
        JsContext ctx = pool.open(spec);
        opened.add(ctx);
        return ctx;
    }

    private JsContext openOnThread(String label, int threadIndex, boolean same) {
        return openOnThread(
                ContextSpec.builder().addScript(ISOLATION_SCRIPT).label(label).build(), threadIndex, same);
    }

    /** Opens contexts until one lands on (or, with {@code same} false, off) the given thread. */
    private JsContext openOnThread(ContextSpec spec, int threadIndex, boolean same) {
        for (int attempt = 0; attempt < 8; attempt++) {
            JsContext ctx = openSpec(spec);
            if ((ctx.threadIndex() == threadIndex) == same) {
                return ctx;
            }
        }
        return fail("could not place a context " + (same ? "on" : "off") + " runtime thread " + threadIndex);
    }

    /** A context on the same runtime thread and one on another. */
    private List<JsContext> neighbours(JsContext ctx) {
        return List.of(
                openOnThread("same-thread", ctx.threadIndex(), true),
                openOnThread("other-thread", ctx.threadIndex(), false));
    }

    private static long number(JsonValue value) {
        return assertInstanceOf(JsonNumber.class, value, "a number").longValue();
    }
}
