package dev.jsctx.liveview;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects this module's log lines (System.Logger goes to java.util.logging here). */
final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger MODULE = Logger.getLogger("dev.jsctx.liveview");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setLevel(Level.INFO);
        MODULE.addHandler(this);
    }

    static LogCapture start() {
        return new LogCapture();
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        MODULE.removeHandler(this);
    }
}
