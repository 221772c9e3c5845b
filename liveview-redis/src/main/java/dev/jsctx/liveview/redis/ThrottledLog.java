package dev.jsctx.liveview.redis;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * One kind of repeated problem (a failed publish, an unreachable store) logged at most once per interval, without
 * a stack trace, the next line saying how many were left out: a Redis outage costs a few lines, not a flood.
 * Thread-safe.
 */
final class ThrottledLog {

    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger logger;
    private final Level level;
    private long lastNanos;
    private boolean logged;
    private int suppressed;

    ThrottledLog(Logger logger, Level level) {
        this.logger = logger;
        this.level = level;
    }

    synchronized void log(Supplier<String> message) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        int left = suppressed;
        logged = true;
        lastNanos = now;
        suppressed = 0;
        logger.log(level, () -> message.get() + (left == 0 ? "" : " (" + left + " more like it not logged)"));
    }
}
