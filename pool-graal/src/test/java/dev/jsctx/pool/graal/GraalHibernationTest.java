package dev.jsctx.pool.graal;

import dev.jsctx.pool.tck.HibernationKit;

/** GraalJS passes the kit's chapter on hibernation, through the real pool. */
class GraalHibernationTest extends HibernationKit {
    @Override
    protected String engineName() {
        return GraalEngineProvider.NAME;
    }
}
