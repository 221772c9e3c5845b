package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineInstance;
import dev.jsctx.pool.spi.PreparedScripts;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parses each spec shape's scripts once per pool ({@link EngineInstance#prepare}) and shares the result.
 * Thread-safe; a failed parse is not remembered, so a later open tries again.
 */
final class PreparedScriptsCache {
    private final EngineInstance engine;
    private final ConcurrentHashMap<ShapeKey, Entry> entries = new ConcurrentHashMap<>();

    PreparedScriptsCache(EngineInstance engine) {
        this.engine = engine;
    }

    /**
     * @throws JsException if a script does not parse
     */
    PreparedScripts get(ShapeKey shape, ContextSpec spec) {
        return entries.computeIfAbsent(shape, k -> new Entry()).get(spec);
    }

    private final class Entry {
        // A lock, not synchronized: parsing is slow and virtual threads must not pin their carrier meanwhile.
        private final ReentrantLock lock = new ReentrantLock();
        private volatile PreparedScripts prepared;

        PreparedScripts get(ContextSpec spec) {
            PreparedScripts ready = prepared;
            if (ready != null) {
                return ready;
            }
            lock.lock();
            try {
                if (prepared == null) {
                    prepared = engine.prepare(spec);
                }
                return prepared;
            } catch (JsContextException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new JsContextException("The engine failed to prepare the scripts of " + spec + ": " + e, e);
            } finally {
                lock.unlock();
            }
        }
    }
}
