package dev.jsctx.pool;

import java.time.Duration;

/**
 * The checks the builders make of their arguments, with one wording for every setting.
 */
final class Arguments {
    private Arguments() {}

    static Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    static int atLeast(String name, int value, int least) {
        return Math.toIntExact(atLeast(name, (long) value, least));
    }

    static long atLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ": " + value);
        }
        return value;
    }
}
