package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;

/**
 * Compares JSON values as JSON means them: numbers by value (not by their Java representation); an integer
 * within ±2^53 must come back exact and integral, other numbers as the same double, as
 * {@link dev.jsctx.pool.JsContext} promises.
 */
final class JsonAssertions {
    private static final BigDecimal SAFE_INTEGER = BigDecimal.valueOf((1L << 53) - 1);

    private JsonAssertions() {}

    static void assertSameJson(JsonValue expected, JsonValue actual) {
        assertSameJson(expected, actual, "$");
    }

    private static void assertSameJson(JsonValue expected, JsonValue actual, String path) {
        assertEquals(expected.getValueType(), actual.getValueType(), "JSON type at " + path + " of " + actual);
        switch (expected.getValueType()) {
            case NUMBER -> {
                BigDecimal want = ((JsonNumber) expected).bigDecimalValue();
                JsonNumber got = (JsonNumber) actual;
                if (isSafeInteger(want)) {
                    assertEquals(
                            0, want.compareTo(got.bigDecimalValue()), "number at " + path + ": " + want + " vs " + got);
                    assertTrue(got.isIntegral(), "an integer within 2^53 comes back integral, at " + path + ": " + got);
                } else {
                    // Any decimal form of the same double is the same JavaScript number: 2^64 may come back as
                    // 18446744073709552000, as JSON.stringify writes it.
                    assertEquals(
                            want.doubleValue(), got.doubleValue(), "number at " + path + ": " + want + " vs " + got);
                }
            }
            case STRING ->
                assertEquals(
                        ((JsonString) expected).getString(), ((JsonString) actual).getString(), "string at " + path);
            case ARRAY -> {
                JsonArray want = expected.asJsonArray();
                JsonArray got = assertInstanceOf(JsonArray.class, actual);
                assertEquals(want.size(), got.size(), "array length at " + path);
                for (int i = 0; i < want.size(); i++) {
                    assertSameJson(want.get(i), got.get(i), path + "[" + i + "]");
                }
            }
            case OBJECT -> {
                JsonObject want = expected.asJsonObject();
                JsonObject got = assertInstanceOf(JsonObject.class, actual);
                assertEquals(want.keySet(), got.keySet(), "object keys at " + path);
                for (String key : want.keySet()) {
                    assertSameJson(want.get(key), got.get(key), path + "." + key);
                }
            }
            default -> {} // NULL, TRUE, FALSE: the type says it all
        }
    }

    static boolean isSafeInteger(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(SAFE_INTEGER) <= 0;
    }
}
