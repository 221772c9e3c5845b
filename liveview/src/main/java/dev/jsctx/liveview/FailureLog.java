package dev.jsctx.liveview;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Failures of views' code (a mount, event or info callback throwing, a view factory failing): logged at ERROR
 * with the stack trace at most once per route and callback per {@link RefusalLog#INTERVAL_NANOS}, the next line
 * saying how many were left out. A client that keeps re-joining a view whose mount throws, or keeps sending the
 * event that breaks it, from any number of sockets, cannot flood the log. Thread-safe.
 */
final class FailureLog {

    private static final System.Logger LOGGER = System.getLogger(ViewSession.class.getName());

    /** Keyed by route and callback kind: bounded by the routes the application registered. */
    private final Map<String, RefusalLog> logs = new ConcurrentHashMap<>();

    /**
     * Log one failure, unless this route's callback failed and was logged less than the interval ago.
     *
     * @param path     the view's route (one registered by the application, never a client's string)
     * @param callback the kind of callback that failed, a fixed word such as {@code "mount"}
     * @param message  the line; client values in it must have gone through {@link LogText#quote(Object)}
     * @param cause    what the view threw
     */
    void failed(String path, String callback, Supplier<String> message, Throwable cause) {
        logs.computeIfAbsent(path + ' ' + callback, key -> new RefusalLog(LOGGER))
                .refused(Level.ERROR, message, cause);
    }
}
