package dev.jsctx.pool.rhino;

import dev.jsctx.pool.tck.HostKit;

/** Rhino passes the kit's chapter on host functions and messages, with its default options. */
class RhinoHostTest extends HostKit {
    @Override
    protected String engineName() {
        return RhinoEngineProvider.NAME;
    }
}
