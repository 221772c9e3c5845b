package dev.jsctx.pool.rhino;

import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.JsEngineProvider;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The Mozilla Rhino engine, named {@code "rhino"}: pure Java, scripts run in Rhino's bytecode interpreter.
 *
 * <p>It can interrupt calls, enforce statement budgets and settle Promises. It has no {@code BROWSER} API
 * surface, and it cannot measure a context's heap ({@link dev.jsctx.pool.JsContext#memoryBytes()} is -1).
 * Rhino 1.9 parses most of ES2015 but not {@code class} or {@code async} functions.
 *
 * <p>A time limit stops a call between interpreted instructions only: a built-in written in Java ({@code sort}
 * without a comparator, {@code JSON.parse}, {@code join}, {@code split}, {@code repeat}) runs to its end first, and
 * its runtime thread waits with it; Rhino has no setting that bounds array or string sizes. {@link JsEngine#describe()}
 * says so under {@code interrupts}; pool-rhino/README.md has the measured times.
 *
 * <p>Engine options ({@link PoolConfig.Builder#engineOption}):
 * <ul>
 * <li>{@code rhino.sharedBuiltins}: {@code false} (default) gives every context its own built-in objects
 *     (about 130 KB of heap each), so a script may change {@code Array.prototype} for itself, as ECMAScript
 *     allows. {@code true} shares one sealed set per runtime thread (about 3 KB per context with a small
 *     script); a script that changes a built-in then fails with a {@code JsException} instead, so that mode
 *     does not pass the conformance kit's built-in isolation checks.</li>
 * <li>{@code rhino.maxStackDepth}: the deepest JavaScript call nesting before a {@code RangeError}; default
 *     1,000.</li>
 * </ul>
 */
public final class RhinoEngineProvider implements JsEngineProvider {
    /** The engine's name, for {@code PoolConfig.engine} and {@code jsctx.engine}. */
    public static final String NAME = "rhino";

    /**
     * Instantiated by {@link java.util.ServiceLoader}.
     */
    public RhinoEngineProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<EngineCapability> capabilities() {
        return EnumSet.of(
                EngineCapability.PROMISES, EngineCapability.STATEMENT_BUDGET, EngineCapability.HOST_FUNCTIONS);
    }

    @Override
    public JsEngine create(Map<String, String> options) {
        return new RhinoEngine(RhinoOptions.from(options));
    }
}
