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
    private final boolean memoryLimited;
    private final Clock clock;

    PlaygroundContexts(ContextPool pool, PlaygroundLimits limits, Clock clock) {
        this.pool = pool;
        this.limits = limits;
        this.clock = clock;
        // GraalJS enforces memory limits only on its optimizing runtime; under `mvn exec:java` it runs without.
        this.memoryLimited = pool.capabilities().contains(EngineCapability.MEMORY_LIMIT);
        ContextSpec.Builder builder = ContextSpec.builder()
                .addScript(Script.ofResource(PlaygroundContexts.class.getClassLoader(), "playground-prelude.js"))
                .apiSurface(ApiSurface.BROWSER)
                .callTimeout(limits.callTimeout())
                .label("playground");
        if (memoryLimited) {
            builder.memoryLimit(limits.memoryLimitBytes());
        }
        this.spec = builder.build();
    }

    PlaygroundLimits limits() {
        return limits;
    }

    /**
     * @param store   the tab's key-value store
     * @param printed receives each line the tab's code prints, on the runtime thread; must be quick
     * @return a fresh context for one tab
     */
    JsContext open(TabStore store, Consumer<String> printed) {
        HostFunctions host = HostFunctions.builder()
                .sync("kv.get", store::get)
                .sync("kv.set", store::set)
                .sync("time", args -> Json.createValue(clock.millis()))
                .onMessage((context, message) -> printed.accept(lineOf(message)))
                .build();
        return pool.open(spec, host);
    }

    /** @return the limits in force, for the page */
    String limitsText() {
        return "code " + limits.maxCodeChars() + " characters; run "
                + limits.callTimeout().toMillis() + " ms; "
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
