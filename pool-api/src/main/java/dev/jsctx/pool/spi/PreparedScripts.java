package dev.jsctx.pool.spi;

/**
 * An engine's parsed form of one shape's scripts, made by {@link JsEngine#prepare}. Opaque to the pool; engines
 * cast it back to their own type. Must be safe to use from every runtime thread.
 */
public interface PreparedScripts {
    /** What {@link JsEngine#prepare} returns by default: nothing prepared. */
    PreparedScripts NONE = new PreparedScripts() {};
}
