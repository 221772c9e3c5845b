package dev.jsctx.pool.graal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Text written by the engine or a context, logged one line at a time with a label, read at each line (a spare
 * context's label changes when it starts serving a context). The line buffer is made on
 * the first write, so an idle context pays for two small objects only. Thread-safe (the engine's own streams
 * are shared by all runtime threads).
 */
final class LoggerOutputStream extends OutputStream {
    private static final int MAX_LINE = 8192;

    private final System.Logger logger;
    private final System.Logger.Level level;
    private final Supplier<String> label;
    private ByteArrayOutputStream line;

    LoggerOutputStream(System.Logger logger, System.Logger.Level level, Supplier<String> label) {
        this.logger = logger;
        this.level = level;
        this.label = label;
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
        line.write(b);
        if (line.size() >= MAX_LINE) {
            flushLine();
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
        logger.log(level, "[" + label.get() + "] " + text);
    }
}
