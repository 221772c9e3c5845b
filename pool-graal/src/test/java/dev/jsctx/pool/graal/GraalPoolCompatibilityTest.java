package dev.jsctx.pool.graal;

import dev.jsctx.pool.tck.PoolCompatibilityKit;

/** GraalJS passes the whole conformance kit, through the real pool. */
class GraalPoolCompatibilityTest extends PoolCompatibilityKit {
    @Override
    protected String engineName() {
        return GraalEngineProvider.NAME;
    }
}
