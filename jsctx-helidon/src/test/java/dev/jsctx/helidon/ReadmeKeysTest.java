package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.PoolConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table against the code: the defaults it states are {@link PoolConfig}'s, and the
 * environment variable of each key is the one {@link PoolConfigFromEnvironmentTest} proves.
 */
@DisplayName("the README's key table")
class ReadmeKeysTest {

    @Test
    @DisplayName("states PoolConfig's own defaults and each key's environment variable")
    void tableMatchesTheCode() throws IOException {
        Map<String, List<String>> rows = table(Path.of("README.md"));
        PoolConfig defaults = PoolConfig.defaults();

        assertEquals(
                List.of(
                        "pool.threads",
                        "pool.engine",
                        "pool.max-contexts",
                        "pool.call-timeout",
                        "pool.spares-per-spec",
                        "pool.max-queued-calls-per-context",
                        "pool.close-timeout",
                        "pool.hibernate-after",
                        "pool.browser-limits.max-pending-timers",
                        "pool.browser-limits.min-timer-delay",
                        "pool.browser-limits.max-log-line-bytes",
                        "pool.browser-limits.log-bytes-per-second",
                        "pool.engine-options.*"),
                List.copyOf(rows.keySet()),
                "every key, once");
        assertEquals(
                String.valueOf(defaults.maxContexts()),
                rows.get("pool.max-contexts").get(0));
        assertEquals(
                defaults.callTimeout().toString(), rows.get("pool.call-timeout").get(0));
        assertEquals(
                String.valueOf(defaults.sparesPerSpec()),
                rows.get("pool.spares-per-spec").get(0));
        assertEquals(
                String.valueOf(defaults.maxQueuedCallsPerContext()),
                rows.get("pool.max-queued-calls-per-context").get(0));
        assertEquals(
                defaults.closeTimeout().toString(),
                rows.get("pool.close-timeout").get(0));
        assertEquals(
                defaults.hibernateAfter().map(Object::toString).orElse("none"),
                rows.get("pool.hibernate-after").get(0));
        BrowserLimits browser = defaults.browserLimits();
        assertEquals(
                String.valueOf(browser.maxPendingTimers()),
                rows.get("pool.browser-limits.max-pending-timers").get(0));
        assertEquals(
                browser.minTimerDelay().toString(),
                rows.get("pool.browser-limits.min-timer-delay").get(0));
        assertEquals(
                String.valueOf(browser.maxLogLineBytes()),
                rows.get("pool.browser-limits.max-log-line-bytes").get(0));
        assertEquals(
                String.valueOf(browser.logBytesPerSecond()),
                rows.get("pool.browser-limits.log-bytes-per-second").get(0));
        rows.forEach((key, row) -> {
            if (!key.endsWith(".*")) {
                assertEquals(key.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT), row.get(1), key);
            }
        });
    }

    /** The rows of the table whose first column is a {@code pool.} key: key to the next columns, backticks dropped. */
    private static Map<String, List<String>> table(Path readme) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("| `pool.")) {
                List<String> cells = List.of(line.substring(1).split("\\|")).stream()
                        .map(cell -> cell.strip().replace("`", ""))
                        .toList();
                rows.put(cells.get(0), cells.subList(1, cells.size()));
            }
        }
        return rows;
    }
}
