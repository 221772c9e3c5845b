package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.tck.Await;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a context's log lines look like: escaped, cut to the line limit, held to the bytes per second. */
class ScriptLogTest {
    private final Captured logger = new Captured();

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForged() {
        ScriptLog log = new ScriptLog(logger, () -> "ctx", BrowserLimits.defaults());
        log.log(System.Logger.Level.INFO, "a\nFAKE b\r\nc\u0000d\te");
        assertEquals(List.of("[ctx] a\\nFAKE b\\r\\nc\\u0000d\te"), logger.messages);
    }

    @Test
    void longLinesAreCutAtTheirUtf8LimitWithoutSplittingACharacter() {
        ScriptLog log = new ScriptLog(
                logger, () -> "ctx", BrowserLimits.builder().maxLogLineBytes(64).build());
        String text = "é".repeat(31) + "😀" + "tail"; // 62 bytes, then a 4-byte character that does not fit
        log.log(System.Logger.Level.INFO, text);
        String line = logger.messages.getFirst();
        assertEquals("[ctx] " + "é".repeat(31) + " … [8 bytes cut]", line);
    }

    @Test
    void linesPastTheBytesPerSecondAreDroppedThenCounted() {
        ScriptLog log = new ScriptLog(
                logger,
                () -> "ctx",
                BrowserLimits.builder().logBytesPerSecond(1_000).build());
        String hundred = "x".repeat(100);
        for (int i = 0; i < 25; i++) {
            log.log(System.Logger.Level.INFO, hundred);
        }
        long logged = logger.messages.size();
        assertTrue(
                logged <= 20, logged + " lines of 100 bytes within a budget of 1,000 per second (at most two windows)");
        Await.awaitTrue("a later line reports the dropped ones", () -> {
            log.log(System.Logger.Level.INFO, "next");
            return logger.messages.stream().anyMatch(m -> m.contains("log lines (") && m.contains("dropped"));
        });
    }

    /** A System.Logger that keeps what it is given. */
    private static final class Captured implements System.Logger {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "captured";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            messages.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            messages.add(format);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            messages.add(msgSupplier.get());
        }
    }
}
