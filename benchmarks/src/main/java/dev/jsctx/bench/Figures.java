package dev.jsctx.bench;

import java.util.Locale;

/**
 * Prints benchmark figures as {@code key=value} lines (plain numbers, no units), the form scripts read.
 */
final class Figures {
    private Figures() {
    }

    static void print(String key, double value) {
        System.out.println(key + "=" + (value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.2f", value)));
    }
}
