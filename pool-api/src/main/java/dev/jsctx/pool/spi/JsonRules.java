package dev.jsctx.pool.spi;

import dev.jsctx.pool.UnsupportedValueException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The value rules of {@link dev.jsctx.pool.JsContext} that do not depend on the engine, for engines converting
 * between JSON-P and JavaScript: the limits of one conversion, the normalisation of numbers and the text of a
 * {@code Date}. Using them keeps every engine's answers the same; the conformance kit checks the rest.
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
     * @param epochMillis a JavaScript {@code Date}'s time value
     * @return its text as {@code JSON.stringify} writes it ({@code Date.prototype.toISOString}, always with
     *     milliseconds, years beyond 0-9999 as {@code ±YYYYYY}), or {@link JsonValue#NULL} for an invalid date
     */
    public static JsonValue date(double epochMillis) {
        if (Double.isNaN(epochMillis) || Double.isInfinite(epochMillis)) {
            return JsonValue.NULL;
        }
        long millis = (long) epochMillis;
        LocalDateTime t = LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
        int year = t.getYear();
        String yearText = year >= 0 && year <= 9999
                ? String.format("%04d", year)
                : (year < 0 ? "-" : "+") + String.format("%06d", Math.abs(year));
        return JSON.createValue(String.format(
                "%s-%02d-%02dT%02d:%02d:%02d.%03dZ",
                yearText,
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                t.getNano() / 1_000_000));
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
