package dev.jsctx.pool.graal;

import dev.jsctx.pool.tck.HostKit;

/** GraalJS passes the kit's chapter on host functions and messages, through the real pool. */
class GraalHostTest extends HostKit {
    @Override
    protected String engineName() {
        return GraalEngineProvider.NAME;
    }
}
