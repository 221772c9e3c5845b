package dev.jsctx.pool.graal;

import dev.jsctx.pool.BrowserLimits;
import java.util.function.Supplier;

/**
 * One context's log output, bounded as {@link BrowserLimits} says: each line escaped (CR, LF and other control
 * characters, so a script cannot forge log lines), cut at the line limit, and dropped (then counted) past the bytes
 * a context may log per second. Console calls and the context's output streams (the engine's warnings, such as
 * unhandled Promise rejections) share one budget. Holds the {@link ScriptLabel}, not the host, for the reason given
 * there. Thread-safe (the engine's own streams are shared by all runtime threads).
 */
final class ScriptLog {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final System.Logger logger;
    private final Supplier<String> label;
    private final int maxLineBytes;
    private final int bytesPerSecond;
    private long windowStart = System.nanoTime();
    private long windowBytes;
    private int droppedLines;
    private long droppedBytes;

    ScriptLog(System.Logger logger, Supplier<String> label, BrowserLimits limits) {
        this.logger = logger;
        this.label = label;
        this.maxLineBytes = limits.maxLogLineBytes();
        this.bytesPerSecond = limits.logBytesPerSecond();
    }

    /** @return the longest line in UTF-8 bytes; the streams buffer no more than this of a line */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /** Logs one record of a script: console output, or one line its streams wrote. */
    void log(System.Logger.Level level, String text) {
        log(level, text, 0);
    }

    /**
     * @param alreadyCut bytes of the line the caller left out already (a stream stops buffering at the limit)
     */
    synchronized void log(System.Logger.Level level, String text, long alreadyCut) {
        String line = escape(text);
        int kept = prefixWithin(line, maxLineBytes);
        long bytes = utf8Length(line, kept);
        long cut = utf8Length(line, line.length()) - bytes + alreadyCut;
        long now = System.nanoTime();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            windowBytes = 0;
            reportDropped();
        }
        if (windowBytes + bytes > bytesPerSecond) {
            droppedLines++;
            droppedBytes += bytes + cut;
            return;
        }
        windowBytes += bytes;
        String logged = cut > 0 ? line.substring(0, kept) + " … [" + cut + " bytes cut]" : line;
        logger.log(level, "[" + label.get() + "] " + logged);
    }

    private void reportDropped() {
        if (droppedLines == 0) {
            return;
        }
        logger.log(
                System.Logger.Level.WARNING,
                "[" + label.get() + "] " + droppedLines + " log lines (" + droppedBytes
                        + " bytes) dropped: over the limit of " + bytesPerSecond + " bytes per second");
        droppedLines = 0;
        droppedBytes = 0;
    }

    /** CR and LF as {@code \r} and {@code \n}, other control characters but tab as {@code \}{@code uXXXX}. */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) && c != '\t';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** @return how many chars of {@code text} fit in {@code maxBytes} of UTF-8, never splitting a surrogate pair */
    private static int prefixWithin(String text, int maxBytes) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = utf8Width(text, i, text.length());
            if (bytes + width > maxBytes) {
                return i;
            }
            bytes += width;
            if (width == 4) {
                i++;
            }
        }
        return text.length();
    }

    /** @return the UTF-8 length of the first {@code chars} chars of {@code text} */
    private static long utf8Length(String text, int chars) {
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            int width = utf8Width(text, i, chars);
            bytes += width;
            if (width == 4) {
                i++;
            }
        }
        return bytes;
    }

    /** @return the UTF-8 bytes of the char at {@code i}: 4 for a surrogate pair ending before {@code end} */
    private static int utf8Width(String text, int i, int end) {
        char c = text.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        boolean pair = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1));
        return pair ? 4 : 3;
    }
}
