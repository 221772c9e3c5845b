package dev.jsctx.pool.spi;

/**
 * An engine's parsed form of one spec's scripts, made by {@link EngineInstance#prepare}. Opaque to the pool;
 * engines cast it back to their own type. Must be safe to use from every runtime thread.
 */
public interface PreparedScripts {}
