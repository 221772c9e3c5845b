package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.tck.HarnessContext;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the kit's value rules cannot see from outside: the guest types arguments arrive as. */
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
}
