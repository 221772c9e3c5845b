package dev.jsctx.pool.graal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text written by the engine or a context, logged one line at a time through a {@link ScriptLog} (which escapes,
 * cuts and rate-limits it). A line is buffered up to the log's line limit; the rest of it is only counted. The line
 * buffer is made on the first write, so an idle context pays for two small objects only. Thread-safe (the engine's
 * own streams are shared by all runtime threads).
 */
final class LoggerOutputStream extends OutputStream {
    private final ScriptLog log;
    private final System.Logger.Level level;
    private ByteArrayOutputStream line;
    private long cut;

    LoggerOutputStream(ScriptLog log, System.Logger.Level level) {
        this.log = log;
        this.level = level;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
            return;
        }
        if (line == null) {
            line = new ByteArrayOutputStream(128);
        }
        if (line.size() < log.maxLineBytes()) {
            line.write(b);
        } else {
            cut++;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void flush() {
        // Lines are logged when complete; a partial line waits for its end or for close().
    }

    @Override
    public synchronized void close() {
        flushLine();
    }

    private void flushLine() {
        if (line == null || line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        log.log(level, text, cut);
        cut = 0;
    }
}
