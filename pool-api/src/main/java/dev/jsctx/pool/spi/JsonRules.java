package dev.jsctx.pool.spi;

import dev.jsctx.pool.UnsupportedValueException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * The value rules of {@link dev.jsctx.pool.JsContext} that do not depend on the engine, for engines converting
 * between JSON-P and JavaScript: the limits of one conversion and the normalisation of numbers. Using them keeps
 * every engine's answers the same.
 */
public final class JsonRules {
    /** The deepest nesting of arrays and objects in one value. */
    public static final int MAX_DEPTH = 32;
    /** The most values in one conversion, arrays and objects included. */
    public static final int MAX_NODES = 10_000;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final double TWO_POW_53 = 9_007_199_254_740_992d;

    private JsonRules() {}

    /**
     * @param number a JavaScript number
     * @return an integral JSON number for an integer within {@code ±2^53} ({@code -0} included, as 0), the double
     *         for other finite numbers, and {@link JsonValue#NULL} for {@code NaN} and the infinities, as
     *         {@code JSON.stringify} does
     */
    public static JsonValue number(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            return JsonValue.NULL;
        }
        if (number == Math.rint(number) && Math.abs(number) <= TWO_POW_53) {
            return JSON.createValue((long) number);
        }
        return JSON.createValue(number);
    }

    /**
     * @param what the value JSON cannot hold, for example {@code "a function"}
     * @return the exception to fail the call with
     */
    public static UnsupportedValueException unsupported(String what) {
        return new UnsupportedValueException("A value cannot cross between JSON and JavaScript: " + what);
    }

    /**
     * Keeps count of one conversion (one call's arguments, or one result) against {@link #MAX_DEPTH} and
     * {@link #MAX_NODES}. Not thread-safe; use one per conversion.
     */
    public static final class Counter {
        private int nodes;
        private int depth;

        /**
         * Counts one value.
         *
         * @throws UnsupportedValueException past {@link #MAX_NODES}
         */
        public void value() {
            if (++nodes > MAX_NODES) {
                throw unsupported("more than " + MAX_NODES + " values");
            }
        }

        /**
         * Enters an array or object; pair with {@link #leave()}.
         *
         * @throws UnsupportedValueException past {@link #MAX_DEPTH}
         */
        public void enter() {
            if (++depth > MAX_DEPTH) {
                throw unsupported("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        /** Leaves an array or object. */
        public void leave() {
            depth--;
        }
    }
}
