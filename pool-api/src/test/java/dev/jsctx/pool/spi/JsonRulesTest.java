package dev.jsctx.pool.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.UnsupportedValueException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonRulesTest {
    @Test
    @DisplayName("safe integers are integral, other finite numbers doubles, NaN and infinities null")
    void numbers() {
        JsonNumber big = (JsonNumber) JsonRules.number(Math.pow(2, 53));
        assertTrue(big.isIntegral());
        assertEquals(1L << 53, big.longValueExact());
        assertEquals(0, ((JsonNumber) JsonRules.number(-0.0)).longValueExact());
        assertFalse(((JsonNumber) JsonRules.number(0.25)).isIntegral());
        assertEquals(0.25, ((JsonNumber) JsonRules.number(0.25)).doubleValue());
        assertEquals(JsonValue.NULL, JsonRules.number(Double.NaN));
        assertEquals(JsonValue.NULL, JsonRules.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    @DisplayName("a counter accepts 32 levels and 10,000 values, and refuses one more of either")
    void limits() {
        JsonRules.Counter deep = new JsonRules.Counter();
        for (int i = 0; i < JsonRules.MAX_DEPTH; i++) {
            deep.enter();
        }
        assertThrows(UnsupportedValueException.class, deep::enter);

        JsonRules.Counter wide = new JsonRules.Counter();
        for (int i = 0; i < JsonRules.MAX_NODES; i++) {
            wide.value();
        }
        assertThrows(UnsupportedValueException.class, wide::value);

        JsonRules.Counter balanced = new JsonRules.Counter();
        for (int i = 0; i < 100; i++) {
            balanced.enter();
            balanced.leave();
        }
        balanced.enter();
    }
}
