package dev.jsctx.pool.rhino;

import dev.jsctx.pool.tck.MemoryLimitKit;

/**
 * The memory-limit chapter against Rhino, which declares no memory limit: the kit checks that contexts with one are
 * refused. In the pom's {@code memory-limit} execution, with a 512 MB heap like GraalJS's.
 */
class RhinoMemoryLimitTest extends MemoryLimitKit {
    @Override
    protected String engineName() {
        return RhinoEngineProvider.NAME;
    }
}
