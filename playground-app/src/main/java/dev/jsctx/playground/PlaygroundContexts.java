package dev.jsctx.playground;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.HostFunctions;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Opens the playground's contexts: surface {@code BROWSER}, the prelude script, the tab's time and memory limits,
 * and as the only capabilities the tab's key-value store, the server's time and its console. Thread-safe.
 */
final class PlaygroundContexts {
    private final ContextPool pool;
    private final PlaygroundLimits limits;
    private final ContextSpec spec;
    private final ContextSpec coolDownSpec;
    private final boolean memoryLimited;
    private final Clock clock;

    PlaygroundContexts(ContextPool pool, PlaygroundLimits limits, Clock clock) {
        this.pool = pool;
        this.limits = limits;
        this.clock = clock;
        // GraalJS enforces memory limits only on its optimizing runtime; under `mvn exec:java` it runs without.
        this.memoryLimited = pool.capabilities().contains(EngineCapability.MEMORY_LIMIT);
        this.spec = spec(limits.callTimeout());
        this.coolDownSpec = spec(limits.coolDownCallTimeout());
    }

    private ContextSpec spec(Duration callTimeout) {
        ContextSpec.Builder builder = ContextSpec.builder()
                .addScript(Script.ofResource(PlaygroundContexts.class.getClassLoader(), "playground-prelude.js"))
                .apiSurface(ApiSurface.BROWSER)
                .callTimeout(callTimeout)
                .label("playground");
        if (memoryLimited) {
            builder.memoryLimit(limits.memoryLimitBytes());
        }
        return builder.build();
    }

    PlaygroundLimits limits() {
        return limits;
    }

    /**
     * @param store      the tab's key-value store
     * @param printed    receives each line the tab's code prints, on the runtime thread; must be quick
     * @param coolingDown whether the tab is cooling down ({@link TabCoolDown}): the context gets the short time limit
     * @return a fresh context for one tab
     */
    JsContext open(TabStore store, Consumer<String> printed, boolean coolingDown) {
        HostFunctions host = HostFunctions.builder()
                .sync("kv.get", store::get)
                .sync("kv.set", store::set)
                .sync("time", args -> Json.createValue(clock.millis()))
                .onMessage((context, message) -> printed.accept(lineOf(message)))
                .build();
        return pool.open(coolingDown ? coolDownSpec : spec, host);
    }

    /**
     * @param coolingDown whether the tab's context was opened during a cool-down, with the short time limit
     * @return the limits in force, for the page
     */
    String limitsText(boolean coolingDown) {
        String run = coolingDown
                ? limits.coolDownCallTimeout().toMillis() + " ms (cool-down: this tab ran into its time limit; Reset "
                        + limits.coolDown().toSeconds() + " s after its last time-out gives back "
                        + limits.callTimeout().toMillis() + " ms)"
                : limits.callTimeout().toMillis() + " ms";
        return "code " + limits.maxCodeChars() + " characters; run " + run + "; "
                + (memoryLimited
                        ? String.format(Locale.ROOT, "heap %.0f MiB", limits.memoryLimitBytes() / (1024.0 * 1024.0))
                        : "heap not limited on this runtime (GraalJS limits memory on its optimizing runtime only)")
                + "; output " + limits.maxOutputLines() + " lines / " + limits.maxOutputChars() + " characters; result "
                + limits.maxResultChars() + " characters; kv " + limits.kvMaxBytes() + " bytes; timers and console"
                + " as the pool's browser limits allow";
    }

    /** A console message from the prelude: {level, text}; anything else a tab sends is shown as JSON. */
    private static String lineOf(jakarta.json.JsonValue message) {
        if (message instanceof jakarta.json.JsonObject object
                && object.get("text") instanceof JsonString text
                && object.get("level") instanceof JsonString level) {
            return "log".equals(level.getString()) ? text.getString() : level.getString() + ": " + text.getString();
        }
        return message.toString();
    }
}
