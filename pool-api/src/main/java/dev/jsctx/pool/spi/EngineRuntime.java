package dev.jsctx.pool.spi;

/**
 * One runtime thread's engine state. Confined: the pool calls every method on the thread that created it, never
 * concurrently.
 */
@FunctionalInterface
public interface EngineRuntime extends AutoCloseable {

    /**
     * Creates a context with its own globals and built-ins, and loads the shape's scripts into it.
     *
     * @param shape    what the context is made of
     * @param prepared what {@link JsEngine#prepare} made of the shape's scripts
     * @param host     the pool's services for this context (timers, label, logging, reporting its death); the
     *                 context keeps it for its whole life
     * @return the context
     * @throws dev.jsctx.pool.JsException if a script threw while loading
     */
    EngineContext createContext(ContextShape shape, PreparedScripts prepared, ContextHost host);

    /**
     * Releases the runtime, after all its contexts are closed.
     *
     * @implSpec The default does nothing.
     */
    @Override
    default void close() {}
}
