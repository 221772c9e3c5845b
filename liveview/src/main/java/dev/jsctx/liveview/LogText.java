package dev.jsctx.liveview;

/**
 * Makes client-supplied text safe for one log line: quoted, truncated, with control characters (CR, LF, tabs,
 * escape sequences, Unicode line separators) written as escapes, so a client can neither forge log lines nor
 * write kilobytes into the log. Use it for every client value that goes into a log message.
 */
final class LogText {

    /** Characters of a client value kept in a log line. */
    static final int MAX_CHARS = 64;

    private LogText() {}

    /**
     * The value quoted and escaped, cut at {@value #MAX_CHARS} characters (the total length is then appended).
     *
     * @param value any client value; {@code null} gives {@code null}
     * @return a single-line, bounded representation
     */
    static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        int shown = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 24).append('"');
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20
                            || (c >= 0x7f && c <= 0x9f)
                            || c == '\u2028'
                            || c == '\u2029'
                            || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (text.length() > shown) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
