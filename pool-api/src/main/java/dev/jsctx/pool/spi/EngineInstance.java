package dev.jsctx.pool.spi;

import dev.jsctx.pool.ContextSpec;
import java.util.Map;

/**
 * The engine's part shared by all runtime threads of one pool: for example a shared code cache. Thread-safe:
 * its methods may be called from any thread at the same time.
 */
public interface EngineInstance extends AutoCloseable {

    /**
     * Parses the spec's scripts once, for every context of that shape. Called at most once per distinct
     * shape ({@link ContextSpec#sameShape}), from any thread; the result is handed to
     * {@link EngineRuntime#createContext} on every runtime thread.
     *
     * @param spec the spec; only its scripts, API surface and statement budget matter here
     * @return the parsed form, opaque to the pool
     * @throws dev.jsctx.pool.JsException if a script does not parse
     */
    PreparedScripts prepare(ContextSpec spec);

    /**
     * Creates the runtime of one pool thread. Called on that thread, which then alone uses the runtime.
     *
     * @param threadIndex the thread's index, from 0
     * @return the runtime
     */
    EngineRuntime newRuntime(int threadIndex);

    /**
     * @return what the engine says of itself for logs and stats, for example {@code runtime=optimized}; at
     *         least {@code engine} (its name) and {@code version}
     */
    Map<String, String> describe();

    /**
     * Releases what the instance holds. Called once, after every runtime is closed.
     */
    @Override
    void close();
}
