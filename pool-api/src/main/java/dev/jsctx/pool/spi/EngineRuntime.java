package dev.jsctx.pool.spi;

import dev.jsctx.pool.ContextSpec;

/**
 * One runtime thread's engine state. Confined: the pool calls every method on the thread that created it,
 * never concurrently.
 */
public interface EngineRuntime extends AutoCloseable {

    /**
     * Creates a context and loads its scripts into it.
     *
     * @param spec     the spec (scripts, API surface, budget, label)
     * @param prepared what {@link EngineInstance#prepare} made of the spec's scripts
     * @param host     the pool's services for this context (timers, tasks, logging)
     * @return the context
     * @throws dev.jsctx.pool.JsException if a script threw while loading
     */
    EngineContext createContext(ContextSpec spec, PreparedScripts prepared, ContextHost host);

    /**
     * Releases the runtime, after all its contexts are closed.
     */
    @Override
    void close();
}
