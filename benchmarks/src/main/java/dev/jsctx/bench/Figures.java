package dev.jsctx.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints benchmark figures as {@code key=value} lines (plain numbers, no units), the form scripts read.
 */
final class Figures {
    private Figures() {}

    static void print(String key, double value) {
        print(System.out, key, value);
    }

    static void print(PrintStream out, String key, double value) {
        out.println(key + "="
                + (value == Math.rint(value) && Math.abs(value) < 1e15
                        ? String.valueOf((long) value)
                        : String.format(Locale.ROOT, "%.2f", value)));
    }
}
