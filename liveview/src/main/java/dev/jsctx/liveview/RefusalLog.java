package dev.jsctx.liveview;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * A log of one kind of repeated event (one socket's refused input, one route's failing callback): at most one
 * line per {@link #INTERVAL_NANOS}, the next one saying how many were left out, so a client repeating bad input
 * cannot flood the log. Thread-safe.
 */
final class RefusalLog {

    /** At most one refusal line per socket in this time. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final System.Logger logger;
    private long lastNanos;
    private boolean logged;
    private int suppressed;

    /** A socket's refusal log. */
    RefusalLog() {
        this(System.getLogger(LiveSocket.class.getName()));
    }

    RefusalLog(System.Logger logger) {
        this.logger = logger;
    }

    /**
     * Log one refusal, unless one was logged less than the interval ago.
     *
     * @param level   the level
     * @param message the line; client values in it must have gone through {@link LogText#quote(Object)}
     */
    void refused(Level level, Supplier<String> message) {
        refused(level, message, null);
    }

    /**
     * Log one refusal or failure with its cause (stack trace included), unless one was logged less than the
     * interval ago.
     *
     * @param level   the level
     * @param message the line; client values in it must have gone through {@link LogText#quote(Object)}
     * @param cause   the exception to log with the line, or {@code null}
     */
    synchronized void refused(Level level, Supplier<String> message, Throwable cause) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        int left = suppressed;
        logged = true;
        lastNanos = now;
        suppressed = 0;
        Supplier<String> line = () -> message.get() + (left == 0 ? "" : " (" + left + " more like it not logged)");
        if (cause == null) {
            logger.log(level, line);
        } else {
            logger.log(level, line, cause);
        }
    }
}
