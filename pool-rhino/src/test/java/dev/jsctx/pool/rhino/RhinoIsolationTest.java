package dev.jsctx.pool.rhino;

import dev.jsctx.pool.tck.IsolationKit;

/** Rhino passes the conformance kit's isolation chapter, with its default options. */
class RhinoIsolationTest extends IsolationKit {
    @Override
    protected String engineName() {
        return RhinoEngineProvider.NAME;
    }
}
