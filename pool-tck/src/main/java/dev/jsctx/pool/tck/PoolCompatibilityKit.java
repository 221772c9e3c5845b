package dev.jsctx.pool.tck;

import static dev.jsctx.pool.tck.JsonAssertions.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.PoolClosedException;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.StatementBudgetExceededException;
import dev.jsctx.pool.UnsupportedCapabilityException;
import dev.jsctx.pool.UnsupportedValueException;
import dev.jsctx.pool.spi.ContextHost;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance kit every pool-api engine passes: it drives the engine only through {@link ContextPool} and
 * {@link JsContext}, with real JavaScript, and checks what their Javadoc promises.
 *
 * <p>An engine module extends it with one small test class:
 * {@snippet :
 * class GraalPoolCompatibilityTest extends PoolCompatibilityKit {
 *     @Override
 *     protected String engineName() {
 *         return "graal";
 *     }
 * }
 * }
 *
 * <p>The kit runs on one pool of two runtime threads (see {@link #configure}). Where an engine does not declare
 * an {@link EngineCapability}, the kit checks that the feature is refused cleanly instead; no test is skipped.
 * Interrupting a running call is not a capability: every engine must, and the kit checks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PoolCompatibilityKit extends PoolKit {
    /** Functions every kit context has; {@code var} and function declarations, so {@code reset()} shows. */
    private static final Script KIT_SCRIPT = Script.ofText("kit.js", """
            var counter = 0;
            function inc(n) { counter += (n === undefined ? 1 : n); return counter; }
            function getCounter() { return counter; }
            function echo(v) { return v; }
            function record(entry) { (globalThis.kitLog || (globalThis.kitLog = [])).push(entry); return kitLog.length; }
            function busy(ms) { var start = Date.now(); while (Date.now() - start < ms) { } return [start, Date.now()]; }
            function thrower() { throw new TypeError("bad input"); }
            function throwValue() { throw "plain text"; }
            function recurse(n) { return recurse(n + 1) + 1; }
            function spin() { while (true) { } }
            function nested(depth) { var v = 0; for (var i = 0; i < depth; i++) { v = [v]; } return v; }
            function sized(n) { var a = []; for (var i = 0; i < n; i++) { a.push(i); } return a; }
            function depthOf(v) { var d = 0; while (Array.isArray(v)) { v = v[0]; d++; } return d; }
            function lengthOf(a, b) { return {n: a.length}; }
            function target() { return 'original'; }
            function swapTarget() { globalThis.target = function () { return 'replacement'; }; return 0; }
            """);

    private static final Duration PATIENCE = Await.PATIENCE;
    private static final long TWO_POW_53 = 1L << 53;

    /**
     * @return the engine's name, as its provider's {@code name()} says
     */
    protected abstract String engineName();

    /**
     * Adjusts the kit's pool configuration; the kit has already set the engine and two runtime threads. Override
     * to pass engine options; keep two threads, which the parallelism and scale checks expect.
     *
     * @param builder the kit's builder
     * @return the builder to build the pool from
     */
    protected PoolConfig.Builder configure(PoolConfig.Builder builder) {
        return builder;
    }

    @BeforeAll
    void startPool() {
        pool = newPool();
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("state and order")
    class StateAndOrder {
        @Test
        @DisplayName("state persists across calls")
        void statePersists() {
            JsContext ctx = open(kitSpec("state"));
            assertEquals(1, number(ctx.call("inc")));
            assertEquals(11, number(ctx.call("inc", Json.createValue(10))));
            ctx.eval("globalThis.extra = 'kept'; 0");
            assertEquals(Json.createValue("kept"), ctx.eval("extra"));
            assertEquals(11, number(ctx.call("getCounter")));
        }

        @Test
        @DisplayName("reset() gives fresh state with the same scripts")
        void resetClearsState() {
            JsContext ctx = open(kitSpec("reset"));
            ctx.call("inc", Json.createValue(5));
            ctx.eval("globalThis.extra = 1; Array.prototype.polluted = true; 0");
            ctx.reset();
            assertEquals(0, number(ctx.call("getCounter")));
            assertEquals(json("[\"undefined\",\"undefined\"]"), ctx.eval("[typeof extra, typeof [].polluted]"));
            assertEquals(1, number(ctx.call("inc")));
        }

        @Test
        @DisplayName("calls from many concurrent virtual threads keep each caller's order, and none is lost")
        void orderUnderConcurrentCallers() throws Exception {
            JsContext ctx = open(kitSpec("order"));
            int callers = 16;
            int callsEach = 50;
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    int caller = c;
                    done.add(executor.submit(() -> {
                        for (int i = 0; i < callsEach; i++) {
                            ctx.call(
                                    "record",
                                    Json.createArrayBuilder().add(caller).add(i).build());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
            }
            JsonArray log = ctx.eval("kitLog").asJsonArray();
            assertEquals(callers * callsEach, log.size());
            int[] next = new int[callers];
            for (JsonValue entry : log) {
                int caller = entry.asJsonArray().getInt(0);
                assertEquals(next[caller]++, entry.asJsonArray().getInt(1), "caller " + caller + " out of order");
            }
        }

        @Test
        @DisplayName("asynchronous calls run in the order they were made")
        void asyncCallsInOrder() {
            JsContext ctx = open(kitSpec("async-order"));
            List<CompletionStage<JsonValue>> results = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                results.add(ctx.callAsync("record", Json.createValue(i)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i + 1, number(join(results.get(i))));
            }
        }

        @Test
        @DisplayName("contexts on different runtime threads run at the same time")
        void parallelAcrossThreads() {
            JsContext first = open(kitSpec("parallel-a"));
            JsContext second = openOnThread(kitSpec("parallel-b"), first.threadIndex(), false);
            CompletionStage<JsonValue> a = first.callAsync("busy", Json.createValue(500));
            CompletionStage<JsonValue> b = second.callAsync("busy", Json.createValue(500));
            JsonArray intervalA = join(a).asJsonArray();
            JsonArray intervalB = join(b).asJsonArray();
            long latestStart = Math.max(
                    intervalA.getJsonNumber(0).longValue(),
                    intervalB.getJsonNumber(0).longValue());
            long earliestEnd = Math.min(
                    intervalA.getJsonNumber(1).longValue(),
                    intervalB.getJsonNumber(1).longValue());
            assertTrue(
                    latestStart < earliestEnd,
                    "both calls were running at the same time: " + intervalA + " " + intervalB);
        }
    }

    @Nested
    @DisplayName("JSON values")
    class JsonValues {
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.jsctx.pool.tck.PoolCompatibilityKit#roundTripValues")
        @DisplayName("every JSON type round-trips exactly")
        void roundTrip(String name, JsonValue value) {
            JsContext ctx = open(kitSpec("json"));
            assertSameJson(value, ctx.call("echo", value));
        }

        @Test
        @DisplayName("an integer beyond 2^53 arrives as the nearest double, as the JsContext Javadoc says")
        void beyondTwoPow53() {
            JsContext ctx = open(kitSpec("big"));
            JsonValue result = ctx.call(
                    "echo", Json.createValue(BigInteger.valueOf(TWO_POW_53).add(BigInteger.ONE)));
            assertEquals(
                    0,
                    ((JsonNumber) result).bigDecimalValue().compareTo(new BigDecimal(TWO_POW_53)),
                    "2^53 + 1 rounds to 2^53: " + result);
        }

        @Test
        @DisplayName("numbers computed in JavaScript come back integral when they are safe integers, else as doubles")
        void computedNumbers() {
            JsContext ctx = open(kitSpec("numbers"));
            JsonNumber safe = (JsonNumber) ctx.eval("2 ** 53 - 1");
            assertTrue(safe.isIntegral());
            assertEquals(TWO_POW_53 - 1, safe.longValueExact());
            JsonNumber three = (JsonNumber) ctx.eval("6 / 2");
            assertTrue(three.isIntegral());
            assertEquals(3, three.intValueExact());
            assertEquals(0.25, ((JsonNumber) ctx.eval("1 / 4")).doubleValue());
            assertEquals(JsonValue.NULL, ctx.eval("NaN"));
            assertEquals(JsonValue.NULL, ctx.eval("-Infinity"));
        }

        @Test
        @DisplayName("undefined becomes null")
        void undefinedIsNull() {
            JsContext ctx = open(kitSpec("undefined"));
            assertEquals(JsonValue.NULL, ctx.eval("undefined"));
            assertEquals(JsonValue.NULL, ctx.eval("(function () { })()"));
        }

        @Test
        @DisplayName("functions, symbols, cycles, too deep and too large results fail with UnsupportedValueException")
        void unsupportedValues() {
            JsContext ctx = open(kitSpec("unsupported"));
            for (String source : List.of(
                    "(function () { })", "Symbol('s')", "var o = {}; o.self = o; o", "nested(33)", "sized(10001)")) {
                assertThrows(UnsupportedValueException.class, () -> ctx.eval(source), source);
                assertTrue(number(ctx.call("inc")) > 0, "the context stays usable after " + source);
            }
        }

        @Test
        @DisplayName("results up to 32 levels deep and 10,000 values in all are accepted")
        void limitsAreInclusive() {
            JsContext ctx = open(kitSpec("limits"));
            JsonValue deep = ctx.call("nested", Json.createValue(32));
            int depth = 0;
            while (deep.getValueType() == JsonValue.ValueType.ARRAY) {
                deep = deep.asJsonArray().get(0);
                depth++;
            }
            assertEquals(32, depth);
            assertEquals(
                    9_999,
                    ctx.call("sized", Json.createValue(9_999)).asJsonArray().size());
        }
    }

    @Nested
    @DisplayName("value rules (JsContext)")
    class ValueRules {
        @Test
        @DisplayName("a BigInt comes back as its exact integer")
        void bigInt() {
            JsContext ctx = open(kitSpec("bigint"));
            JsonNumber small = (JsonNumber) ctx.eval("10n");
            assertTrue(small.isIntegral());
            assertEquals(10, small.intValueExact());
            assertEquals(
                    new BigInteger("123456789012345678901234567890"),
                    ((JsonNumber) ctx.eval("123456789012345678901234567890n")).bigIntegerValueExact());
            assertEquals(BigInteger.TWO.pow(60), ((JsonNumber) ctx.eval("2n ** 60n")).bigIntegerValueExact());
            assertEquals(json("[1,-5]"), ctx.eval("[1n, -5n]"));
        }

        @Test
        @DisplayName("a Date comes back as JSON.stringify writes it, and an invalid Date as null")
        void dates() {
            JsContext ctx = open(kitSpec("dates"));
            assertEquals(
                    Json.createValue("2024-01-02T03:04:05.000Z"), ctx.eval("new Date(Date.UTC(2024, 0, 2, 3, 4, 5))"));
            assertEquals(
                    json("{\"d\":\"1970-01-01T00:00:00.678Z\",\"same\":true}"),
                    ctx.eval(
                            "var d = new Date(678); ({d: d, same: JSON.parse(JSON.stringify(d)) === d.toISOString()})"));
            assertEquals(
                    json("[\"-000001-01-01T00:00:00.000Z\",\"+010000-01-01T00:00:00.000Z\"]"),
                    ctx.eval("[new Date(Date.UTC(-1, 0, 1)), new Date(Date.UTC(10000, 0, 1))]"));
            assertEquals(JsonValue.NULL, ctx.eval("new Date(NaN)"));
        }

        @Test
        @DisplayName("undefined and array holes become null, in arrays and objects alike")
        void undefinedAndHoles() {
            JsContext ctx = open(kitSpec("holes"));
            assertEquals(json("[1,null,3,null]"), ctx.eval("[1, , 3, undefined]"));
            assertEquals(json("{\"a\":null,\"b\":1}"), ctx.eval("({a: undefined, b: 1})"));
            assertEquals(json("[null,null]"), ctx.eval("var a = []; a.length = 2; a"));
        }

        @Test
        @DisplayName("-0 comes back as the integer 0; NaN and the infinities as null, wherever they are")
        void specialNumbers() {
            JsContext ctx = open(kitSpec("numbers"));
            JsonNumber zero = (JsonNumber) ctx.eval("-0");
            assertTrue(zero.isIntegral());
            assertEquals("0", zero.toString());
            assertEquals(json("[null,null,null,{\"n\":null}]"), ctx.eval("[NaN, Infinity, -Infinity, {n: 0 / 0}]"));
        }

        @Test
        @DisplayName("a function or a symbol anywhere in a result fails it; symbol keys are left out")
        void functionsAndSymbols() {
            JsContext ctx = open(kitSpec("functions"));
            for (String source : List.of(
                    "(function () { })",
                    "({f: function () { }})",
                    "[1, function () { }]",
                    "Symbol('s')",
                    "[Symbol('s')]",
                    "({s: Symbol('s')})")) {
                assertThrows(UnsupportedValueException.class, () -> ctx.eval(source), source);
            }
            assertEquals(json("{\"a\":1}"), ctx.eval("var o = {a: 1}; o[Symbol('k')] = 2; o"));
        }

        @Test
        @DisplayName("objects give their own enumerable string keys only")
        void ownEnumerableKeys() {
            JsContext ctx = open(kitSpec("keys"));
            assertEquals(json("{\"own\":2}"), ctx.eval("""
                    var o = Object.create({inherited: 1});
                    Object.defineProperty(o, 'hidden', {value: 1, enumerable: false});
                    o.own = 2; o"""));
        }

        @Test
        @DisplayName("a value reached twice is no cycle; a cycle fails")
        void cycles() {
            JsContext ctx = open(kitSpec("cycles"));
            assertEquals(json("[{},{}]"), ctx.eval("var shared = {}; [shared, shared]"));
            assertThrows(UnsupportedValueException.class, () -> ctx.eval("var a = []; a.push({a: a}); a"));
        }

        @Test
        @DisplayName("arguments obey the limits too: 32 levels and 10,000 values pass, one more fails")
        void argumentLimits() {
            JsContext ctx = open(kitSpec("argument-limits"));
            assertEquals(Json.createValue(32), ctx.call("depthOf", nestedJson(32)));
            assertThrows(UnsupportedValueException.class, () -> ctx.call("depthOf", nestedJson(33)));
            jakarta.json.JsonArrayBuilder most = Json.createArrayBuilder();
            for (int i = 0; i < 9_998; i++) {
                most.add(i);
            }
            JsonArray fits = most.build(); // 9,999 values and the array
            assertEquals(
                    Json.createValue(9_998),
                    ctx.call("lengthOf", fits, JsonValue.NULL).asJsonObject().get("n"));
            assertThrows(UnsupportedValueException.class, () -> ctx.call("lengthOf", fits, json("[1]")));
            assertEquals(1, number(ctx.call("inc")), "the context stays usable");
        }

        @Test
        @DisplayName("a global function reassigned by a call is the one the next call runs")
        void reassignedGlobals() {
            JsContext ctx = open(kitSpec("reassigned"));
            assertEquals(Json.createValue("original"), ctx.call("target"));
            ctx.call("swapTarget");
            assertEquals(Json.createValue("replacement"), ctx.call("target"));
            ctx.eval("globalThis.target = function () { return 'from eval'; }; 0");
            assertEquals(Json.createValue("from eval"), ctx.call("target"));
        }

        private static JsonValue nestedJson(int depth) {
            JsonValue value = Json.createValue(0);
            for (int i = 0; i < depth; i++) {
                value = Json.createArrayBuilder().add(value).build();
            }
            return value;
        }
    }

    static Stream<Arguments> roundTripValues() {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        values.put("null", JsonValue.NULL);
        values.put("true", JsonValue.TRUE);
        values.put("false", JsonValue.FALSE);
        values.put("zero", Json.createValue(0));
        values.put("minus one", Json.createValue(-1));
        values.put("int max", Json.createValue(Integer.MAX_VALUE));
        values.put("int min", Json.createValue(Integer.MIN_VALUE));
        values.put("2^53 - 1", Json.createValue(TWO_POW_53 - 1));
        values.put("-(2^53 - 1)", Json.createValue(-(TWO_POW_53 - 1)));
        values.put("2^53", Json.createValue(TWO_POW_53));
        values.put("2^64 (a double exactly)", Json.createValue(BigInteger.TWO.pow(64)));
        values.put("0.1", Json.createValue(0.1));
        values.put("-2.5", Json.createValue(-2.5));
        values.put("1e300", Json.createValue(1e300));
        values.put("smallest double", Json.createValue(Double.MIN_VALUE));
        values.put("empty string", Json.createValue(""));
        values.put("accents", Json.createValue("héllo wörld ñ"));
        values.put("surrogate pairs", Json.createValue("😀 𝄞 \uD83D\uDC4D"));
        values.put("NUL inside", Json.createValue("a\u0000b"));
        values.put("line separators and escapes", Json.createValue("\u2028\u2029\"\\\n\t"));
        values.put("empty array", JsonValue.EMPTY_JSON_ARRAY);
        values.put("empty object", JsonValue.EMPTY_JSON_OBJECT);
        values.put("nested arrays", json("[1,[2,[3,[[],{}]]],\"x\",null,true]"));
        values.put("nested objects", json("{\"a\":{\"b\":{\"c\":[true,null,\"x\",1.5]}},\"d\":-7}"));
        values.put("unicode keys", json("{\"ключ\":\"значение\",\"😀\":1,\"\":0}"));
        return values.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Nested
    @DisplayName("errors")
    class Errors {
        @Test
        @DisplayName(
                "a JavaScript throw becomes a JsException with name, message and stack, and the context stays usable")
        void throwBecomesJsException() {
            JsContext ctx = open(kitSpec("throw"));
            ctx.call("inc", Json.createValue(3));
            JsException error = assertThrows(JsException.class, () -> ctx.call("thrower"));
            assertEquals("TypeError", error.jsName());
            assertEquals("bad input", error.jsMessage());
            assertTrue(error.jsStack().contains("thrower"), "the stack names the function: " + error.jsStack());
            assertEquals(3, number(ctx.call("getCounter")));
        }

        @Test
        @DisplayName("a thrown non-error value becomes a JsException named Error with the value as message")
        void throwValue() {
            JsContext ctx = open(kitSpec("throw-value"));
            JsException error = assertThrows(JsException.class, () -> ctx.call("throwValue"));
            assertEquals("Error", error.jsName());
            assertEquals("plain text", error.jsMessage());
        }

        @Test
        @DisplayName("a syntax error in eval and a missing function are JsExceptions")
        void syntaxErrorAndMissingFunction() {
            JsContext ctx = open(kitSpec("syntax"));
            assertEquals(
                    "SyntaxError",
                    assertThrows(JsException.class, () -> ctx.eval("this is not ( javascript"))
                            .jsName());
            assertThrows(JsException.class, () -> ctx.call("noSuchFunction"));
            assertEquals(1, number(ctx.call("inc")));
        }

        @Test
        @DisplayName("a script that throws while loading fails open with a JsException")
        void scriptThrowsAtLoad() {
            ContextSpec broken = ContextSpec.builder()
                    .addScript(Script.ofText("broken.js", "throw new Error('at load');"))
                    .label("broken")
                    .build();
            JsException error = assertThrows(JsException.class, () -> open(broken));
            assertEquals("at load", error.jsMessage());
        }

        @Test
        @DisplayName("deep recursion is a RangeError, and the context stays usable")
        void deepRecursion() {
            JsContext ctx = open(kitSpec("recursion"));
            JsException error = assertThrows(JsException.class, () -> ctx.call("recurse", Json.createValue(0)));
            assertEquals("RangeError", error.jsName());
            assertEquals(1, number(ctx.call("inc")));
        }
    }

    @Nested
    @DisplayName("time limits")
    class TimeLimits {
        @Test
        @DisplayName("a runaway loop is interrupted at its limit, and the context keeps its state")
        void runawayIsInterrupted() {
            JsContext ctx = open(kitSpec("runaway", Duration.ofMillis(300)));
            ctx.call("inc", Json.createValue(7));
            CallTimeoutException timeout = assertThrows(CallTimeoutException.class, () -> ctx.call("spin"));
            assertEquals(Duration.ofMillis(300), timeout.limit());
            assertThrows(CallTimeoutException.class, () -> ctx.eval("while (true) { }"));
            assertEquals(7, number(ctx.call("getCounter")));
        }

        @Test
        @DisplayName("a context on the same thread runs right after the runaway call is cut off")
        void sameThreadNeighbourRunsAfter() {
            JsContext runaway = open(kitSpec("runaway", Duration.ofMillis(300)));
            JsContext neighbour = openOnThread(kitSpec("neighbour"), runaway.threadIndex(), true);
            CompletableFuture<JsonValue> spin = runaway.callAsync("spin").toCompletableFuture();
            CompletableFuture<JsonValue> after = neighbour.callAsync("inc").toCompletableFuture();
            assertEquals(1, number(join(after)));
            assertTrue(spin.isDone(), "the neighbour's call was queued behind the runaway one");
            assertInstanceOf(CallTimeoutException.class, failure(spin));
        }

        @Test
        @DisplayName("a context on another thread is never blocked by a runaway call")
        void otherThreadNotBlocked() {
            JsContext runaway = open(kitSpec("runaway", Duration.ofSeconds(3)));
            JsContext other = openOnThread(kitSpec("other"), runaway.threadIndex(), false);
            CompletableFuture<JsonValue> spin = runaway.callAsync("spin").toCompletableFuture();
            assertEquals(1, number(other.call("inc")));
            assertFalse(spin.isDone(), "the other thread answered while the runaway call still ran");
            assertInstanceOf(CallTimeoutException.class, failure(spin));
        }
    }

    @Nested
    @DisplayName("API surfaces")
    class Surfaces {
        @Test
        @DisplayName("NONE exposes no console, timers, print, load, Java or polyglot access")
        void noneIsBare() {
            JsContext ctx = open(kitSpec("bare"));
            JsonValue leaked = ctx.eval("""
                    ['console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask',
                     'print', 'printErr', 'load', 'loadWithNewGlobal', 'quit', 'exit', 'Java', 'Polyglot', 'Packages',
                     'java', 'javax', 'Graal', 'require', 'fetch'
                    ].filter(function (n) { return n in globalThis; })""");
            assertEquals(JsonValue.EMPTY_JSON_ARRAY, leaked, "globals NONE must not have");
        }

        @Test
        @DisplayName("BROWSER is refused cleanly when the engine lacks BROWSER_API")
        void browserRefusedWithoutCapability() {
            if (capabilities().contains(EngineCapability.BROWSER_API)) {
                assertTrue(open(browserSpec("browser")).isOpen());
            } else {
                UnsupportedCapabilityException error =
                        assertThrows(UnsupportedCapabilityException.class, () -> open(browserSpec("browser")));
                assertEquals(EngineCapability.BROWSER_API, error.capability());
            }
        }

        @Test
        @DisplayName("BROWSER: console writes to the script logger")
        void console() {
            withBrowser(ctx -> {
                try (LogCapture log = new LogCapture()) {
                    String marker = "kit-console-" + System.nanoTime();
                    assertEquals(
                            Json.createValue("function"),
                            ctx.eval("console.log('" + marker
                                    + "'); console.info('i'); console.warn('w'); console.error('e');"
                                    + " typeof console.log"));
                    assertTrue(
                            log.contains(marker),
                            "console.log reached the " + ContextHost.SCRIPT_LOGGER_NAME + " logger");
                }
            });
        }

        @Test
        @DisplayName("BROWSER: a context made from another spec's spare logs with its own label")
        void spareLogsWithItsOwnLabel() {
            withBrowser(first -> {
                Await.awaitTrue("a spare is ready", () -> pool.stats().sparesReady() > 0);
                List<JsContext> seconds = new ArrayList<>();
                for (int i = 0; i < 4; i++) { // every thread's spares of this shape were made for the first spec
                    seconds.add(open(browserSpec("second-label")));
                }
                try (LogCapture log = new LogCapture()) {
                    String marker = "kit-label-" + System.nanoTime();
                    for (JsContext second : seconds) {
                        second.eval("console.log('" + marker + "'); 0");
                    }
                    assertEquals(4, log.count(marker), "each context logged once");
                    assertEquals(4, log.count("[second-label] " + marker), "each with its own label");
                }
            });
        }

        @Test
        @DisplayName("BROWSER: setTimeout fires, clearTimeout cancels, setInterval repeats until clearInterval")
        void timers() {
            withBrowser(ctx -> {
                ctx.eval("""
                        globalThis.fired = false; globalThis.cancelled = 'no'; globalThis.ticks = 0;
                        setTimeout(function () { fired = true; }, 10);
                        var t = setTimeout(function () { cancelled = 'fired'; }, 10); clearTimeout(t);
                        var iv = setInterval(function () { if (++ticks === 3) { clearInterval(iv); } }, 5); 0""");
                Await.awaitTrue("the timeout fired", () -> ctx.eval("fired").equals(JsonValue.TRUE));
                Await.awaitTrue("the interval ran three times", () -> number(ctx.eval("ticks")) == 3);
                ctx.eval("globalThis.later = false; setTimeout(function () { later = true; }, 60); 0");
                Await.awaitTrue("a later timeout fired", () -> ctx.eval("later").equals(JsonValue.TRUE));
                assertEquals(json("[\"no\",3]"), ctx.eval("[cancelled, ticks]"));
            });
        }

        @Test
        @DisplayName("BROWSER: a call returning a Promise resolved by setTimeout completes with its value")
        void promiseResolvedByTimer() {
            withBrowser(ctx -> {
                if (capabilities().contains(EngineCapability.PROMISES)) {
                    assertEquals(
                            Json.createValue("late"),
                            ctx.eval("new Promise(function (r) { setTimeout(function () { r('late'); }, 20); })"));
                } else {
                    assertThrows(
                            UnsupportedValueException.class,
                            () -> ctx.eval(
                                    "new Promise(function (r) { setTimeout(function () { r('late'); }, 20); })"));
                }
            });
        }

        @Test
        @DisplayName("BROWSER: queueMicrotask runs after the current code, before the call ends")
        void queueMicrotask() {
            withBrowser(ctx -> {
                ctx.eval(
                        "globalThis.order = []; queueMicrotask(function () { order.push('micro'); }); order.push('sync'); 0");
                assertEquals(json("[\"sync\",\"micro\"]"), ctx.eval("order"));
            });
        }

        @Test
        @DisplayName("BROWSER: TextEncoder and TextDecoder speak UTF-8")
        void textCoding() {
            withBrowser(ctx -> {
                assertEquals(
                        json("[195,169,226,130,172,240,159,152,128]"),
                        ctx.eval("Array.from(new TextEncoder().encode('é€😀'))"));
                assertEquals(
                        Json.createValue("hi€"),
                        ctx.eval("new TextDecoder().decode(new Uint8Array([104,105,226,130,172]))"));
            });
        }

        @Test
        @DisplayName("BROWSER: URL and URLSearchParams parse and build")
        void urls() {
            withBrowser(ctx -> {
                assertEquals(
                        json("[\"example.com\",\"8080\",\"/a/b\",\"two\",\"#frag\"]"),
                        ctx.eval("var u = new URL('https://example.com:8080/a/b?x=1&y=two#frag');"
                                + " [u.hostname, u.port, u.pathname, u.searchParams.get('y'), u.hash]"));
                assertEquals(
                        Json.createValue("a=1&b=2&c=3+4"),
                        ctx.eval("var p = new URLSearchParams('a=1&b=2'); p.append('c', '3 4'); p.toString()"));
            });
        }

        @Test
        @DisplayName("BROWSER: atob and btoa")
        void base64() {
            withBrowser(ctx -> {
                assertEquals(json("[\"aGVsbG8=\",\"hello\"]"), ctx.eval("[btoa('hello'), atob('aGVsbG8=')]"));
            });
        }

        @Test
        @DisplayName("BROWSER: structuredClone makes a deep copy")
        void structuredClone() {
            withBrowser(ctx -> {
                assertEquals(
                        json("[2,3,true]"),
                        ctx.eval(
                                "var o = {a: [1, {b: 2}]}; var c = structuredClone(o); c.a[1].b = 3; [o.a[1].b, c.a[1].b, c !== o]"));
            });
        }

        @Test
        @DisplayName("BROWSER: crypto.getRandomValues fills in place and randomUUID gives version-4 UUIDs")
        void crypto() {
            withBrowser(ctx -> {
                assertEquals(json("[true,16,true,true]"), ctx.eval("""
                        var a = new Uint8Array(16); var r = crypto.getRandomValues(a);
                        var re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
                        var u1 = crypto.randomUUID(), u2 = crypto.randomUUID();
                        [r === a, a.length, re.test(u1) && re.test(u2), u1 !== u2]"""));
            });
        }

        @Test
        @DisplayName("BROWSER: performance.now is a non-decreasing number")
        void performanceNow() {
            withBrowser(ctx -> {
                assertEquals(
                        json("[\"number\",true,true]"),
                        ctx.eval(
                                "var t1 = performance.now(); var t2 = performance.now(); [typeof t1, t1 >= 0, t2 >= t1]"));
            });
        }

        @Test
        @DisplayName("BROWSER: a closed context's timers never fire")
        void closedContextTimersNeverFire() {
            withBrowser(doomed -> {
                JsContext alive = openOnThread(browserSpec("alive"), doomed.threadIndex(), true);
                String marker = "kit-" + System.nanoTime();
                try (LogCapture log = new LogCapture()) {
                    // Due long after the close below, even on a loaded machine, so only the close can stop it.
                    doomed.eval("setTimeout(function () { console.log('closed-" + marker + "'); }, 500); 0");
                    alive.eval("setTimeout(function () { console.log('alive-" + marker + "'); }, 500); 0");
                    doomed.close();
                    // A later timer on the same thread fires only after the earlier ones had their turn.
                    alive.eval("globalThis.done = false; setTimeout(function () { done = true; }, 700); 0");
                    Await.awaitTrue(
                            "the later timer fired", () -> alive.eval("done").equals(JsonValue.TRUE));
                    assertTrue(log.contains("alive-" + marker), "the open context's timer fired and logged");
                    assertFalse(log.contains("closed-" + marker), "the closed context's timer never fired");
                }
            });
        }

        /**
         * Runs a BROWSER check on a new BROWSER context if the engine declares BROWSER_API; otherwise checks that
         * such a context is refused cleanly, as for every missing capability.
         */
        private void withBrowser(Consumer<JsContext> check) {
            if (capabilities().contains(EngineCapability.BROWSER_API)) {
                check.accept(open(browserSpec("browser")));
            } else {
                UnsupportedCapabilityException error =
                        assertThrows(UnsupportedCapabilityException.class, () -> open(browserSpec("browser")));
                assertEquals(EngineCapability.BROWSER_API, error.capability());
            }
        }
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {
        @Test
        @DisplayName("a returned Promise is awaited (PROMISES), or refused with UnsupportedValueException")
        void promises() {
            JsContext ctx = open(kitSpec("promises"));
            if (capabilities().contains(EngineCapability.PROMISES)) {
                assertEquals(5, number(ctx.eval("Promise.resolve(5)")));
                // Pending when the call returns, settled by a later microtask (what `await` does, without needing
                // async-function syntax, which not every engine parses).
                assertEquals(
                        Json.createValue("done"),
                        ctx.eval(
                                "new Promise(function (resolve) { Promise.resolve().then(function () { resolve('done'); }); })"
                                        + ".then(function (v) { return v; })"));
                JsException rejected =
                        assertThrows(JsException.class, () -> ctx.eval("Promise.reject(new RangeError('nope'))"));
                assertEquals("RangeError", rejected.jsName());
                assertEquals("nope", rejected.jsMessage());
            } else {
                assertThrows(UnsupportedValueException.class, () -> ctx.eval("Promise.resolve(5)"));
            }
        }

        @Test
        @DisplayName("a Promise that never settles fails at the time limit (PROMISES), and the context stays usable")
        void unsettledPromiseTimesOut() {
            JsContext ctx = open(kitSpec("unsettled", Duration.ofMillis(300)));
            if (capabilities().contains(EngineCapability.PROMISES)) {
                assertThrows(CallTimeoutException.class, () -> ctx.eval("new Promise(function () { })"));
            } else {
                assertThrows(UnsupportedValueException.class, () -> ctx.eval("new Promise(function () { })"));
            }
            assertEquals(1, number(ctx.call("inc")));
        }

        @Test
        @DisplayName("a statement budget closes the context when exceeded (STATEMENT_BUDGET), or is refused")
        void statementBudget() {
            ContextSpec spec = ContextSpec.builder()
                    .addScript(KIT_SCRIPT)
                    .statementBudget(100_000)
                    .label("budget")
                    .build();
            if (!capabilities().contains(EngineCapability.STATEMENT_BUDGET)) {
                UnsupportedCapabilityException error =
                        assertThrows(UnsupportedCapabilityException.class, () -> open(spec));
                assertEquals(EngineCapability.STATEMENT_BUDGET, error.capability());
                return;
            }
            JsContext ctx = open(spec);
            AtomicInteger heard = new AtomicInteger();
            ctx.onClose(heard::incrementAndGet);
            assertEquals(1, number(ctx.call("inc")));
            assertThrows(
                    StatementBudgetExceededException.class,
                    () -> ctx.eval("for (var i = 0; i < 1e9; i++) { counter = i; }"));
            assertFalse(ctx.isOpen());
            assertEquals(1, heard.get());
            assertThrows(ContextClosedException.class, () -> ctx.call("inc"));
        }

        @Test
        @DisplayName("memoryBytes measures (MEMORY_MEASUREMENT), or says -1")
        void memory() {
            JsContext ctx = open(kitSpec("memory"));
            if (capabilities().contains(EngineCapability.MEMORY_MEASUREMENT)) {
                assertTrue(ctx.memoryBytes() > 0);
            } else {
                assertEquals(-1, ctx.memoryBytes());
            }
        }

        @Test
        @DisplayName("engineInfo names the engine, and whatever else it says is not blank")
        void engineInfo() {
            Map<String, String> info = pool.engineInfo();
            assertEquals(engineName(), info.get("engine"));
            info.forEach((key, value) -> assertFalse(value.isBlank(), "engineInfo " + key + " is blank: " + info));
        }
    }

    @Nested
    @DisplayName("closing")
    class Closing {
        @Test
        @DisplayName("closing a context is idempotent, tells its listeners once, and later calls fail clearly")
        void contextClose() {
            JsContext ctx = open(kitSpec("close"));
            AtomicInteger heard = new AtomicInteger();
            ctx.onClose(heard::incrementAndGet);
            ctx.close();
            ctx.close();
            assertFalse(ctx.isOpen());
            assertEquals(1, heard.get());
            assertThrows(ContextClosedException.class, () -> ctx.call("inc"));
            assertThrows(ContextClosedException.class, () -> ctx.eval("1"));
            assertInstanceOf(
                    ContextClosedException.class, failure(ctx.callAsync("inc").toCompletableFuture()));
        }

        @Test
        @DisplayName("a call awaiting a Promise fails with ContextClosedException when its context closes")
        void pendingCallOnClose() {
            JsContext ctx = open(kitSpec("pending", Duration.ofSeconds(30)));
            CompletableFuture<JsonValue> pending =
                    ctx.evalAsync("new Promise(function () { })").toCompletableFuture();
            ctx.close();
            Throwable error = failure(pending);
            if (capabilities().contains(EngineCapability.PROMISES)) {
                assertInstanceOf(ContextClosedException.class, error);
            } else {
                assertTrue(
                        error instanceof ContextClosedException || error instanceof UnsupportedValueException,
                        "" + error);
            }
        }

        @Test
        @DisplayName("closing the pool closes every context and refuses later use")
        void poolClose() {
            ContextPool own = newPool();
            List<JsContext> contexts = new ArrayList<>();
            AtomicInteger heard = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                JsContext ctx = own.open(kitSpec("pool-close-" + i));
                ctx.onClose(heard::incrementAndGet);
                ctx.call("inc");
                contexts.add(ctx);
            }
            own.close();
            own.close();
            assertEquals(3, heard.get());
            contexts.forEach(ctx -> assertFalse(ctx.isOpen()));
            assertThrows(PoolClosedException.class, () -> contexts.get(0).call("inc"));
            assertThrows(PoolClosedException.class, () -> own.open(kitSpec("late")));
            assertEquals(0, own.stats().contextsOpen());
        }
    }

    @Nested
    @DisplayName("scale")
    class Scale {
        @Test
        @DisplayName("2,000 contexts on two threads are all usable")
        void twoThousandContexts() {
            int baseline = pool.stats().contextsOpen();
            List<JsContext> contexts = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                contexts.add(open(kitSpec("many")));
            }
            for (JsContext ctx : contexts) {
                assertEquals(1, number(ctx.call("inc")));
            }
            List<Integer> perThread = pool.stats().contextsPerThread();
            assertEquals(baseline + 2_000, pool.stats().contextsOpen());
            assertTrue(perThread.stream().allMatch(n -> n >= 900), "spread over the threads: " + perThread);
        }

        @Test
        @DisplayName("1,000 open/close cycles leave the open count at its baseline and the heap bounded")
        void openCloseCycles() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            warmUpAndSettle();
            int baseline = pool.stats().contextsOpen();
            long heapBefore = usedHeapAfterGc(memory);
            for (int i = 0; i < 1_000; i++) {
                JsContext ctx = pool.open(kitSpec("cycle"));
                ctx.call("inc");
                ctx.close();
            }
            warmUpAndSettle();
            assertEquals(baseline, pool.stats().contextsOpen());
            long growth = usedHeapAfterGc(memory) - heapBefore;
            assertTrue(growth < 16L * 1024 * 1024, "heap grew by " + growth / 1024 + " KB over 1,000 cycles");
        }

        /** One call on each thread: every close queued before it has been carried out. */
        private void warmUpAndSettle() {
            JsContext first = pool.open(kitSpec("settle"));
            JsContext second = openOnThread(kitSpec("settle"), first.threadIndex(), false);
            first.call("inc");
            second.call("inc");
            first.close();
            second.close();
        }

        private long usedHeapAfterGc(MemoryMXBean memory) {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * @return a new pool configured like the kit's, for tests that close it
     */
    protected final ContextPool newPool() {
        return ContextPool.create(
                configure(PoolConfig.builder().engine(engineName()).threads(2)).build());
    }

    /**
     * Opens a context that is closed after the test.
     */
    protected final JsContext open(ContextSpec spec) {
        JsContext ctx = pool.open(spec);
        opened.add(ctx);
        return ctx;
    }

    private Set<EngineCapability> capabilities() {
        return pool.capabilities();
    }

    /** Opens contexts until one lands on (or, with {@code same} false, off) the given thread. */
    private JsContext openOnThread(ContextSpec spec, int threadIndex, boolean same) {
        for (int attempt = 0; attempt < 8; attempt++) {
            JsContext ctx = open(spec);
            if ((ctx.threadIndex() == threadIndex) == same) {
                return ctx;
            }
        }
        return fail("could not place a context " + (same ? "on" : "off") + " runtime thread " + threadIndex);
    }

    private static ContextSpec kitSpec(String label) {
        return ContextSpec.builder().addScript(KIT_SCRIPT).label(label).build();
    }

    private static ContextSpec kitSpec(String label, Duration timeout) {
        return ContextSpec.builder()
                .addScript(KIT_SCRIPT)
                .label(label)
                .callTimeout(timeout)
                .build();
    }

    private static ContextSpec browserSpec(String label) {
        return ContextSpec.builder()
                .addScript(KIT_SCRIPT)
                .apiSurface(ApiSurface.BROWSER)
                .label(label)
                .build();
    }

    static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static long number(JsonValue value) {
        return assertInstanceOf(JsonNumber.class, value, "a number").longValue();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return Await.join(stage);
    }

    private static Throwable failure(CompletableFuture<?> stage) {
        return Await.failure(stage);
    }
}
