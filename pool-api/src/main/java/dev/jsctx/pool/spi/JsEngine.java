package dev.jsctx.pool.spi;

import java.util.Map;

/**
 * The engine's part shared by all runtime threads of one pool, for example a shared code cache. Thread-safe:
 * its methods may be called from any thread at the same time.
 */
public interface JsEngine extends AutoCloseable {

    /**
     * Parses a shape's scripts once, for every context of that shape. Called at most once per distinct shape, from
     * any thread (the first caller opening such a context); the result is handed to
     * {@link EngineRuntime#createContext} on every runtime thread, so it must be safe to use from several at once.
     *
     * @implSpec The default prepares nothing and returns {@link PreparedScripts#NONE}; the engine then loads
     *     {@link ContextShape#scripts()} from their source in every context.
     * @param shape the scripts, API surface and statement budget
     * @return the parsed form, opaque to the pool
     * @throws dev.jsctx.pool.JsException named {@code SyntaxError} if a script does not parse
     */
    default PreparedScripts prepare(ContextShape shape) {
        return PreparedScripts.NONE;
    }

    /**
     * Creates the runtime of one pool thread. Called on that thread, which then alone uses the runtime.
     *
     * @param threadIndex the thread's index, from 0
     * @return the runtime; a lambda when the engine keeps no state per thread
     */
    EngineRuntime newRuntime(int threadIndex);

    /**
     * @implSpec The default says nothing.
     * @return what the engine says of itself for logs and {@link dev.jsctx.pool.ContextPool#engineInfo()}, for
     *     example {@code version} and {@code runtime=optimized}; the pool adds {@code engine}, the provider's name
     */
    default Map<String, String> describe() {
        return Map.of();
    }

    /**
     * Releases what the engine holds. Called once, after every runtime is closed.
     *
     * @implSpec The default does nothing.
     */
    @Override
    default void close() {}
}
