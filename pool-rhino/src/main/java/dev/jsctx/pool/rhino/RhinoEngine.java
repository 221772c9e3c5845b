package dev.jsctx.pool.rhino;

import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.PreparedScripts;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;

/**
 * Rhino's part shared by all runtime threads of one pool: it compiles scripts once. Scripts compiled for the
 * interpreter are immutable bytecode, so every runtime thread runs the same {@link Script} objects in its own
 * scopes. Thread-safe.
 */
final class RhinoEngine implements JsEngine {
    private final RhinoOptions options;
    /** The {@code host} object's script, compiled once for every runtime thread. */
    private final Script hostScript;

    RhinoEngine(RhinoOptions options) {
        this.options = options;
        this.hostScript = RhinoThreadContext.FACTORY.call(RhinoHostBridge::compile);
    }

    @Override
    public PreparedScripts prepare(ContextShape shape) {
        return RhinoThreadContext.FACTORY.call(cx -> new CompiledScripts(shape.scripts().stream()
                .map(script -> compile(cx, script.source(), script.name()))
                .toList()));
    }

    /**
     * Compiles one script for the interpreter.
     *
     * @throws dev.jsctx.pool.JsException if it does not parse
     */
    static Script compile(Context cx, String source, String name) {
        try {
            return cx.compileString(source, name, 1, null);
        } catch (RhinoException e) {
            throw RhinoErrors.toFailure(e);
        }
    }

    @Override
    public EngineRuntime newRuntime(int threadIndex) {
        return new RhinoRuntime(options, hostScript);
    }

    @Override
    public Map<String, String> describe() {
        return Map.of(
                "version",
                RhinoThreadContext.FACTORY.call(Context::getImplementationVersion),
                "runtime",
                "interpreter",
                "builtins",
                options.sharedBuiltins() ? "shared-sealed" : "per-context",
                // What a time limit can stop (pool-rhino/README.md, "What a time limit cannot stop").
                "interrupts",
                "between interpreted instructions only; not inside Java built-ins (sort without a comparator,"
                        + " JSON.parse, join, split, repeat)");
    }

    /** The spec's scripts, compiled; shared by every runtime thread. */
    record CompiledScripts(List<Script> scripts) implements PreparedScripts {}
}
