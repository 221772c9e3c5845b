package dev.jsctx.liveview;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * One socket's log of refused input: at most one line per {@link #INTERVAL_NANOS}, the next one saying how many
 * were left out, so a client flooding bad input cannot flood the log. Used on the socket's connection thread.
 */
final class RefusalLog {

    /** At most one refusal line per socket in this time. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private static final System.Logger LOGGER = System.getLogger(LiveSocket.class.getName());

    private long lastNanos;
    private boolean logged;
    private int suppressed;

    /**
     * Log one refusal, unless one was logged less than the interval ago.
     *
     * @param level   the level
     * @param message the line; client values in it must have gone through {@link LogText#quote(Object)}
     */
    synchronized void refused(Level level, Supplier<String> message) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        int left = suppressed;
        logged = true;
        lastNanos = now;
        suppressed = 0;
        LOGGER.log(level, () -> message.get() + (left == 0 ? "" : " (" + left + " more refusals not logged)"));
    }
}
