package dev.jsctx.playground;

import java.util.ArrayDeque;

/**
 * A tab's console output: the last lines its code printed, bounded in lines and characters, with a count of what
 * was dropped. Written on the runtime thread (console calls), read on the view's thread (render): synchronized.
 */
final class TabOutput {
    private final int maxLines;
    private final int maxChars;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private int chars;
    private long dropped;

    TabOutput(int maxLines, int maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    /** Adds a line, cut to the character bound; drops the oldest lines past either bound. */
    synchronized void add(String line) {
        String kept = line.length() > maxChars ? line.substring(0, maxChars) + "…" : line;
        lines.addLast(kept);
        chars += kept.length();
        while (lines.size() > maxLines || chars > maxChars) {
            chars -= lines.removeFirst().length();
            dropped++;
        }
    }

    synchronized void clear() {
        lines.clear();
        chars = 0;
        dropped = 0;
    }

    /** @return the kept lines, one per line, preceded by a note of how many were dropped */
    synchronized String text() {
        StringBuilder text = new StringBuilder();
        if (dropped > 0) {
            text.append("(")
                    .append(dropped)
                    .append(" earlier lines dropped: output is capped at ")
                    .append(maxLines)
                    .append(" lines, ")
                    .append(maxChars)
                    .append(" characters)\n");
        }
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
