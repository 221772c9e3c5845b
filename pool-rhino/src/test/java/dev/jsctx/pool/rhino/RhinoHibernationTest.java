package dev.jsctx.pool.rhino;

import dev.jsctx.pool.tck.HibernationKit;

/** Rhino passes the kit's chapter on hibernation, with its default options (no timers: no BROWSER surface). */
class RhinoHibernationTest extends HibernationKit {
    @Override
    protected String engineName() {
        return RhinoEngineProvider.NAME;
    }
}
