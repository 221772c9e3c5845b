package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.PreparedScripts;
import java.time.Duration;

/**
 * Everything a runtime thread needs to make a context of one spec: its shape, the shape's prepared scripts, its
 * label, its time limit and its fair share. Made once per open (or per spare shelf) and passed along whole.
 *
 * @param shape    the scripts, surface and budget
 * @param prepared what the engine made of the shape's scripts
 * @param label    the spec's label
 * @param timeout  the time limit of each call: the spec's, else the pool's
 * @param fairShare how much of its thread it may take once it runs into its time limit: the spec's, else the pool's
 */
record Blueprint(ContextShape shape, PreparedScripts prepared, String label, Duration timeout, FairShare fairShare) {
    long timeoutNanos() {
        return timeout.toNanos();
    }
}
