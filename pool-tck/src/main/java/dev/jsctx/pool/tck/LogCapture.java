package dev.jsctx.pool.tck;

import dev.jsctx.pool.spi.ContextHost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what reaches the script logger, or another one (through java.util.logging, System.Logger's default backend) while open.
 * Thread-safe: runtime threads publish, the test reads.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level levelBefore;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogCapture() {
        this(ContextHost.SCRIPT_LOGGER_NAME);
    }

    /** Collects what reaches the logger of this name instead. */
    LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        levelBefore = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    boolean contains(String text) {
        return messages.stream().anyMatch(m -> m.contains(text));
    }

    long count(String text) {
        return messages.stream().filter(m -> m.contains(text)).count();
    }

    /** @return the messages logged so far that contain {@code text}, in order */
    List<String> matching(String text) {
        return messages.stream().filter(m -> m.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(formatter.formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
