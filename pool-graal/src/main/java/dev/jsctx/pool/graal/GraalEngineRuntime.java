package dev.jsctx.pool.graal;

import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.PreparedScripts;
import org.graalvm.polyglot.Context;

/**
 * One runtime thread's share of the engine. GraalJS needs no per-thread state beyond the shared
 * {@link org.graalvm.polyglot.Engine}: a context is bound to the thread that uses it, so this only builds contexts.
 */
final class GraalEngineRuntime implements EngineRuntime {
    private final GraalEngineInstance instance;

    GraalEngineRuntime(GraalEngineInstance instance) {
        this.instance = instance;
    }

    @Override
    public EngineContext createContext(ContextSpec spec, PreparedScripts prepared, ContextHost host) {
        GraalPreparedScripts scripts = (GraalPreparedScripts) prepared;
        Context context = instance.newContext(
                scripts.surface(),
                scripts.limits(),
                new LoggerOutputStream(host.scriptLogger(), System.Logger.Level.INFO, host.label()),
                new LoggerOutputStream(host.scriptLogger(), System.Logger.Level.WARNING, host.label()));
        GraalEngineContext engineContext = new GraalEngineContext(context, scripts, host, instance.heapMeter());
        engineContext.load(instance.browserApi());
        return engineContext;
    }

    @Override
    public void close() {
        // Contexts are closed one by one by the pool; the engine is closed by the instance.
    }
}
