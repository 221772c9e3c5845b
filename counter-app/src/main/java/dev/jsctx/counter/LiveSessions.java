package dev.jsctx.counter;

import dev.jsctx.liveview.LiveSession;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The connected counter sessions: how many there are (a metric), and a periodic nudge to each of them so
 * their pages show the pool's totals live. A nudge goes out only when the totals changed since the last one.
 *
 * <p>Thread-safe: sessions join and leave from their own threads; the nudges come from one scheduler thread and
 * reach each view through {@link LiveSession#send}, so views still see one callback at a time.
 */
final class LiveSessions implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(LiveSessions.class.getName());

    /** The message a view gets as {@code handleInfo} when the totals changed. */
    static final Object REFRESH = new Object() {
        @Override
        public String toString() {
            return "refresh";
        }
    };

    /** How often a failing refresh round may be logged (the pool closing at shutdown fails a round or two). */
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private final Set<LiveSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final Supplier<Object> totals;
    private Object lastTotals;
    private long failureLoggedNanos;
    private boolean failureLogged;

    /**
     * @param refreshInterval how often to look at the totals; zero turns the nudges off
     * @param totals          the totals the pages show; compared with {@code equals}
     */
    LiveSessions(Duration refreshInterval, Supplier<Object> totals) {
        this.totals = totals;
        if (refreshInterval.isZero()) {
            scheduler = null;
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("counter-refresh").daemon(true).factory());
        long millis = refreshInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Adds a connected session until the returned handle is closed (hand it to the session to own).
     *
     * @param session the session
     * @return closes the registration
     */
    AutoCloseable join(LiveSession session) {
        sessions.add(session);
        return () -> sessions.remove(session);
    }

    /**
     * @return connected sessions now
     */
    int active() {
        return sessions.size();
    }

    private void refreshIfChanged() {
        try {
            Object now = totals.get();
            if (!now.equals(lastTotals)) {
                lastTotals = now;
                sessions.forEach(session -> session.send(REFRESH));
            }
        } catch (Throwable e) {
            // No failed round may end the refreshes for good (a scheduled task that throws never runs again).
            logFailure(e);
        }
    }

    /** Logs a failed round at most once per {@link #FAILURE_LOG_INTERVAL}; only the scheduler's thread calls it. */
    private void logFailure(Throwable e) {
        long now = System.nanoTime();
        if (failureLogged && now - failureLoggedNanos < FAILURE_LOG_INTERVAL.toNanos()) {
            return;
        }
        failureLogged = true;
        failureLoggedNanos = now;
        LOGGER.log(System.Logger.Level.WARNING, "A refresh round failed; the next one runs as planned", e);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
