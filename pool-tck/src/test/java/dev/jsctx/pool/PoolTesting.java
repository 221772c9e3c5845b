package dev.jsctx.pool;

import dev.jsctx.pool.tck.Await;
import dev.jsctx.pool.tck.FakeEngine;
import java.lang.ref.WeakReference;
import java.time.Duration;

/**
 * Pools and specs for the pool's own tests, each pool on a fake engine of its own.
 */
final class PoolTesting {
    private PoolTesting() {}

    static PoolConfig.Builder fakePool(FakeEngine engine, int threads) {
        return PoolConfig.builder().engine(engine).threads(threads).sparesPerSpec(0);
    }

    static ContextSpec spec(String label) {
        return ContextSpec.builder().label(label).build();
    }

    static ContextSpec spec(String label, Duration timeout) {
        return ContextSpec.builder().label(label).callTimeout(timeout).build();
    }

    /**
     * Collects garbage until the referent is gone, failing after {@link Await#PATIENCE}: it is unreachable once the
     * pool has let go of it (a closed context is released on its runtime thread, shortly after its close).
     */
    static void awaitCollected(String what, WeakReference<?> reference) {
        Await.awaitTrue(what + " collected", () -> {
            System.gc();
            return reference.get() == null;
        });
    }
}
