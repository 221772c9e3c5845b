package dev.jsctx.playground;

import io.helidon.config.Config;
import java.time.Duration;

/**
 * What one tab may use, read from the {@code playground} config node; the defaults are the ones a public demo runs
 * with ({@code application.yaml} repeats them).
 *
 * @param maxCodeChars     the longest code a run accepts; longer code is refused before it reaches JavaScript
 * @param callTimeout      the time limit of one run and of each timer task
 * @param memoryLimitBytes the most heap a tab's context may hold (enforced where the engine can measure it)
 * @param maxOutputLines   the most output lines a tab keeps; older lines are dropped and counted
 * @param maxOutputChars   the most characters of output a tab keeps, and the longest single line
 * @param maxResultChars   the longest result shown; a longer one is cut
 * @param kvMaxBytes       the most bytes (keys and values, UTF-8) a tab's key-value store holds
 * @param coolDown         how long after a tab's last time-out the contexts it opens get the short time limit
 * @param coolDownCallTimeout the time limit of a context a tab opens during its cool-down
 */
record PlaygroundLimits(
        int maxCodeChars,
        Duration callTimeout,
        long memoryLimitBytes,
        int maxOutputLines,
        int maxOutputChars,
        int maxResultChars,
        int kvMaxBytes,
        Duration coolDown,
        Duration coolDownCallTimeout) {

    static final PlaygroundLimits DEFAULTS = new PlaygroundLimits(
            10_000,
            Duration.ofSeconds(1),
            16L << 20,
            200,
            20_000,
            2_000,
            16_384,
            Duration.ofSeconds(60),
            Duration.ofMillis(50));

    /**
     * @param node the {@code playground} node; missing keys take the defaults
     * @return the limits
     */
    static PlaygroundLimits from(Config node) {
        return new PlaygroundLimits(
                node.get("max-code-chars").asInt().orElse(DEFAULTS.maxCodeChars),
                node.get("call-timeout").as(Duration.class).orElse(DEFAULTS.callTimeout),
                node.get("memory-limit-bytes").asLong().orElse(DEFAULTS.memoryLimitBytes),
                node.get("max-output-lines").asInt().orElse(DEFAULTS.maxOutputLines),
                node.get("max-output-chars").asInt().orElse(DEFAULTS.maxOutputChars),
                node.get("max-result-chars").asInt().orElse(DEFAULTS.maxResultChars),
                node.get("kv-max-bytes").asInt().orElse(DEFAULTS.kvMaxBytes),
                node.get("cool-down").as(Duration.class).orElse(DEFAULTS.coolDown),
                node.get("cool-down-call-timeout").as(Duration.class).orElse(DEFAULTS.coolDownCallTimeout));
    }
}
