package dev.jsctx.pool.tck;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What the kits that share one pool per class have in common: the pool (opened by the kit's own {@code @BeforeAll},
 * closed after the class) and the contexts a test opened, closed after each test. JUnit runs a test class's methods
 * one at a time; the list is concurrent because contexts may be added from callbacks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PoolKit {
    /** Contexts the current test opened; closed after it. */
    final List<JsContext> opened = new CopyOnWriteArrayList<>();
    /** The class's pool; set by the kit's {@code @BeforeAll}. */
    ContextPool pool;

    @AfterAll
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @AfterEach
    void closeContexts() {
        opened.forEach(JsContext::close);
        opened.clear();
    }
}
