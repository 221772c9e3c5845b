package dev.jsctx.pool.graal;

import dev.jsctx.pool.tck.IsolationKit;

/** GraalJS passes the conformance kit's isolation chapter, through the real pool. */
class GraalIsolationTest extends IsolationKit {
    @Override
    protected String engineName() {
        return GraalEngineProvider.NAME;
    }
}
