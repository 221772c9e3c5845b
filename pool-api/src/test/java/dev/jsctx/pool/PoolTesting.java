package dev.jsctx.pool;

import java.time.Duration;

/**
 * Pools and specs for the pool's own tests, on the fake engine.
 */
final class PoolTesting {
    private PoolTesting() {}

    static PoolConfig.Builder fakePool(int threads) {
        return PoolConfig.builder().engine("fake").threads(threads).sparesPerSpec(0);
    }

    static ContextSpec spec(String label) {
        return ContextSpec.builder().label(label).build();
    }

    static ContextSpec spec(String label, Duration timeout) {
        return ContextSpec.builder().label(label).callTimeout(timeout).build();
    }
}
