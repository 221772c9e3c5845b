package dev.jsctx.pool.graal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Sends the engine's own log (Truffle's {@code java.util.logging} records) to a {@link System.Logger}, instead of
 * the standard error stream GraalJS uses by default.
 */
final class LoggerHandler extends Handler {
    private final System.Logger logger;

    LoggerHandler(System.Logger logger) {
        this.logger = logger;
    }

    @Override
    public void publish(LogRecord record) {
        String message = "[" + record.getLoggerName() + "] " + record.getMessage();
        if (record.getThrown() != null) {
            logger.log(level(record.getLevel()), message, record.getThrown());
        } else {
            logger.log(level(record.getLevel()), message);
        }
    }

    private static System.Logger.Level level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return System.Logger.Level.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return System.Logger.Level.WARNING;
        }
        if (value >= Level.INFO.intValue()) {
            return System.Logger.Level.INFO;
        }
        return value >= Level.FINE.intValue() ? System.Logger.Level.DEBUG : System.Logger.Level.TRACE;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
