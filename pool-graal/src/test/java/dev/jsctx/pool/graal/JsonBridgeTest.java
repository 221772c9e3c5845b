package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.UnsupportedValueException;
import dev.jsctx.pool.tck.HarnessContext;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBridgeTest extends EngineFixture {
    private static final String ECHO = """
            function echo(v) { return v; }
            function describe(v) { return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v; }
            """;

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    @DisplayName("nested values cross into JavaScript as real arrays and objects and come back equal")
    void roundTrip() {
        HarnessContext ctx = open(ApiSurface.NONE, ECHO);
        JsonValue value = json("{\"a\":[1,2.5,\"x\",true,false,null,{\"b\":{}}],\"c\":\"é€\",\"d\":-7}");
        assertEquals(value, ctx.call("echo", value).value());
        assertEquals(
                Json.createValue("array"), ctx.call("describe", json("[1]")).value());
        assertEquals(
                Json.createValue("object"), ctx.call("describe", json("{}")).value());
        assertEquals(
                Json.createValue("null"), ctx.call("describe", JsonValue.NULL).value());
    }

    @Test
    @DisplayName("integers within ±2^53 stay integral and exact; other numbers are doubles")
    void numbers() {
        HarnessContext ctx = open(ApiSurface.NONE, ECHO);
        JsonNumber max = (JsonNumber)
                ctx.call("echo", Json.createValue(9007199254740991L)).value();
        assertTrue(max.isIntegral());
        assertEquals(9007199254740991L, max.longValueExact());
        assertEquals(Json.createValue(-12), ctx.value("-12"));
        assertEquals(0.1, ((JsonNumber) ctx.value("0.1")).doubleValue());
        assertEquals(1e300, ((JsonNumber) ctx.value("1e300")).doubleValue());
        assertEquals("1.0E+300", ctx.value("1e300").toString());
        assertEquals(
                new BigInteger("123456789012345678901234567890"),
                ((JsonNumber) ctx.value("123456789012345678901234567890n")).bigIntegerValue());
        assertEquals(0.0, ((JsonNumber) ctx.value("-0")).doubleValue());
        assertEquals(0x1p64, ((JsonNumber) ctx.value("2 ** 64")).doubleValue(), "beyond 2^53: the double");
        assertEquals(JsonValue.NULL, ctx.value("NaN"));
        assertEquals(JsonValue.NULL, ctx.value("-1 / 0"));
        assertEquals(
                Json.createValue("number"),
                ctx.call("describe", Json.createValue(3)).value());
        assertEquals(
                Json.createValue("number"),
                ctx.call("describe", Json.createValue(1L << 40)).value());
        assertEquals(
                Json.createValue("number"),
                ctx.call("describe", Json.createValue(0.5)).value());
    }

    @Test
    @DisplayName("undefined becomes null; dates become ISO text")
    void undefinedAndDates() {
        HarnessContext ctx = open(ApiSurface.NONE, ECHO);
        assertEquals(JsonValue.NULL, ctx.value("undefined"));
        assertEquals(json("{\"a\":null,\"b\":[null]}"), ctx.value("({a: undefined, b: [undefined]})"));
        assertEquals(Json.createValue("2024-01-02T03:04:05Z"), ctx.value("new Date(Date.UTC(2024, 0, 2, 3, 4, 5))"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(function f() {})", "({f() {}})", "Symbol('s')", "[Symbol.iterator]", "(class A {})"})
    @DisplayName("functions and symbols are refused with a clear message")
    void refused(String source) {
        HarnessContext ctx = open(ApiSurface.NONE, ECHO);
        UnsupportedValueException error = ctx.eval(source).error(UnsupportedValueException.class);
        assertFalse(error.getMessage().isBlank());
    }

    @Test
    @DisplayName("a cycle is refused as a cycle")
    void cycle() {
        HarnessContext ctx = open(ApiSurface.NONE, ECHO);
        UnsupportedValueException error =
                ctx.eval("const o = {}; o.self = {o}; o").error(UnsupportedValueException.class);
        assertTrue(error.getMessage().contains("cycle"), error.getMessage());
    }

    @Test
    @DisplayName("32 levels pass, 33 are refused, both ways")
    void depthLimit() {
        HarnessContext ctx =
                open(ApiSurface.NONE, ECHO + "function nest(n) { let v = 1; while (n-- > 0) v = [v]; return v; }");
        ctx.call("nest", Json.createValue(32)).value();
        assertTrue(ctx.call("nest", Json.createValue(33))
                .error(UnsupportedValueException.class)
                .getMessage()
                .contains("32"));
        JsonValue deep = Json.createValue(1);
        for (int i = 0; i < 33; i++) {
            deep = Json.createArrayBuilder().add(deep).build();
        }
        ctx.call("echo", deep).error(UnsupportedValueException.class);
    }

    @Test
    @DisplayName("10,000 values pass, more are refused, both ways")
    void sizeLimit() {
        HarnessContext ctx = open(ApiSurface.NONE, ECHO + "function many(n) { return new Array(n).fill(0); }");
        ctx.call("many", Json.createValue(9_999)).value();
        ctx.call("many", Json.createValue(10_000)).error(UnsupportedValueException.class);
        JsonArrayBuilder big = Json.createArrayBuilder();
        for (int i = 0; i < 10_000; i++) {
            big.add(i);
        }
        ctx.call("echo", big.build()).error(UnsupportedValueException.class);
    }
}
