package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.PreparedScripts;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parses each shape's scripts once per pool ({@link JsEngine#prepare}) and shares the result. Thread-safe; a failed
 * parse is not remembered, so a later open tries again.
 */
final class PreparedScriptsCache {
    private final JsEngine engine;
    private final ConcurrentHashMap<ContextShape, Entry> entries = new ConcurrentHashMap<>();

    PreparedScriptsCache(JsEngine engine) {
        this.engine = engine;
    }

    /**
     * @throws JsException if a script does not parse
     */
    PreparedScripts get(ContextShape shape) {
        return entries.computeIfAbsent(shape, k -> new Entry()).get(shape);
    }

    private final class Entry {
        // A lock, not synchronized: parsing is slow and virtual threads must not pin their carrier meanwhile.
        private final ReentrantLock lock = new ReentrantLock();
        private volatile PreparedScripts prepared;

        PreparedScripts get(ContextShape shape) {
            PreparedScripts ready = prepared;
            if (ready != null) {
                return ready;
            }
            lock.lock();
            try {
                if (prepared == null) {
                    prepared = engine.prepare(shape);
                }
                return prepared;
            } catch (JsContextException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new JsContextException(
                        "The engine failed to prepare the scripts " + shape.scripts() + ": " + e, e);
            } finally {
                lock.unlock();
            }
        }
    }
}
