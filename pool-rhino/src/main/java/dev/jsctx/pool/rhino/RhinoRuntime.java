package dev.jsctx.pool.rhino;

import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.PreparedScripts;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.TopLevel;

/**
 * One runtime thread's Rhino state: the thread's entered {@link RhinoThreadContext} and, with
 * {@code rhino.sharedBuiltins}, the sealed built-in objects its contexts share. Confined to the thread that
 * created it.
 */
final class RhinoRuntime implements EngineRuntime {
    private final RhinoThreadContext cx;
    private final ScriptableObject sharedBuiltins;
    private final Script hostScript;

    RhinoRuntime(RhinoOptions options, Script hostScript) {
        this.hostScript = hostScript;
        if (Context.getCurrentContext() != null) {
            throw new IllegalStateException("Thread " + Thread.currentThread().getName()
                    + " already has a Rhino Context; a runtime thread must have none");
        }
        this.cx = (RhinoThreadContext) RhinoThreadContext.FACTORY.enterContext();
        cx.setMaximumInterpreterStackDepth(options.maxStackDepth());
        this.sharedBuiltins = options.sharedBuiltins() ? cx.initSafeStandardObjects(null, true) : null;
    }

    @Override
    public EngineContext createContext(ContextShape shape, PreparedScripts prepared, ContextHost host) {
        // The pool never asks for ApiSurface.BROWSER: this engine does not declare BROWSER_API.
        RhinoContext context = new RhinoContext(cx, newGlobal(), host, shape.statementBudget());
        context.load(shape.hostObject() ? hostScript : null, ((RhinoEngine.CompiledScripts) prepared).scripts());
        return context;
    }

    /**
     * A fresh global scope: its own built-ins, or an empty scope whose prototype is the shared sealed built-ins
     * (global variables then live in the context's scope; built-ins are read through the prototype).
     */
    private ScriptableObject newGlobal() {
        if (sharedBuiltins == null) {
            return cx.initSafeStandardObjects(null, false);
        }
        TopLevel global = new TopLevel();
        global.setPrototype(sharedBuiltins);
        global.cacheBuiltins(sharedBuiltins, true);
        global.defineProperty("globalThis", global, ScriptableObject.DONTENUM);
        return global;
    }

    @Override
    public void close() {
        Context.exit();
    }
}
