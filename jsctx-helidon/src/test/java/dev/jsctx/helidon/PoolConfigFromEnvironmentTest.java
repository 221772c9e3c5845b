package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The environment variable names the README documents, set in a real process environment: a child JVM runs
 * {@link PrintPoolConfig} with them, over an {@code application.yaml} that says otherwise for every key.
 */
@DisplayName("pool keys from environment variables")
class PoolConfigFromEnvironmentTest {

    @Test
    @DisplayName("each documented variable overrides application.yaml")
    void everyKeyFromTheEnvironment() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POOL_THREADS", "3");
        env.put("POOL_ENGINE", "rhino");
        env.put("POOL_MAX_CONTEXTS", "5");
        env.put("POOL_CALL_TIMEOUT", "PT2S");
        env.put("POOL_SPARES_PER_SPEC", "0");
        env.put("POOL_MAX_QUEUED_CALLS_PER_CONTEXT", "7");
        env.put("POOL_CLOSE_TIMEOUT", "PT3S");
        env.put("POOL_HIBERNATE_AFTER", "PT30S");
        env.put("POOL_BROWSER_LIMITS_MAX_PENDING_TIMERS", "11");
        env.put("POOL_BROWSER_LIMITS_MIN_TIMER_DELAY", "PT0.002S");
        env.put("POOL_BROWSER_LIMITS_MAX_LOG_LINE_BYTES", "512");
        env.put("POOL_BROWSER_LIMITS_LOG_BYTES_PER_SECOND", "2048");
        env.put("POOL_ENGINE_dash_OPTIONS_JS_ECMASCRIPT_dash_VERSION", "2022");

        Map<String, String> printed = printPoolConfig(env);

        assertEquals("3", printed.get("threads"), printed::toString);
        assertEquals("rhino", printed.get("engine"), printed::toString);
        assertEquals("5", printed.get("max-contexts"), printed::toString);
        assertEquals("PT2S", printed.get("call-timeout"), printed::toString);
        assertEquals("0", printed.get("spares-per-spec"), printed::toString);
        assertEquals("7", printed.get("max-queued-calls-per-context"), printed::toString);
        assertEquals("PT3S", printed.get("close-timeout"), printed::toString);
        assertEquals("PT30S", printed.get("hibernate-after"), printed::toString);
        assertEquals("11", printed.get("browser-limits.max-pending-timers"), printed::toString);
        assertEquals("PT0.002S", printed.get("browser-limits.min-timer-delay"), printed::toString);
        assertEquals("512", printed.get("browser-limits.max-log-line-bytes"), printed::toString);
        assertEquals("2048", printed.get("browser-limits.log-bytes-per-second"), printed::toString);
        assertEquals("2022", printed.get("engine-options.js.ecmascript-version"), printed::toString);
    }

    /** Runs {@link PrintPoolConfig} in a child JVM with these environment variables added; its lines as a map. */
    private static Map<String, String> printPoolConfig(Map<String, String> env)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), PrintPoolConfig.class.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        Map<String, String> printed = new LinkedHashMap<>();
        text.lines().filter(line -> line.contains("=")).forEach(line -> {
            int eq = line.indexOf('=');
            printed.put(line.substring(0, eq), line.substring(eq + 1));
        });
        return printed;
    }
}
