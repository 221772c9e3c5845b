package dev.jsctx.pool.rhino;

import dev.jsctx.pool.tck.PoolCompatibilityKit;

/**
 * The whole conformance kit against the Rhino engine, with its default options.
 */
class RhinoPoolCompatibilityTest extends PoolCompatibilityKit {
    @Override
    protected String engineName() {
        return RhinoEngineProvider.NAME;
    }
}
