package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.PreparedScripts;
import java.time.Duration;

/**
 * Everything a runtime thread needs to make a context of one spec: its shape, the shape's prepared scripts, its
 * label, its time limit, its fair share and its host functions. Made once per open (or per spare shelf) and passed
 * along whole.
 *
 * @param shape    the scripts, surface, budget and host object
 * @param prepared what the engine made of the shape's scripts
 * @param label    the spec's label
 * @param timeout  the time limit of each call: the spec's, else the pool's
 * @param fairShare how much of its thread it may take once it runs into its time limit: the spec's, else the pool's
 * @param host     the opener's host functions, or null for a context without the {@code host} object
 * @param hibernateAfter how long the context stays idle before it hibernates: the spec's, else the pool's; null for
 *                 never
 */
record Blueprint(
        ContextShape shape,
        PreparedScripts prepared,
        String label,
        Duration timeout,
        FairShare fairShare,
        HostFunctions host,
        Duration hibernateAfter) {
    /** A blueprint of a context without host functions that never hibernates. */
    Blueprint(ContextShape shape, PreparedScripts prepared, String label, Duration timeout, FairShare fairShare) {
        this(shape, prepared, label, timeout, fairShare, null, null);
    }

    /** @return this blueprint without the opener's host functions, for what outlives the opener (a spare shelf) */
    Blueprint withoutHost() {
        return host == null ? this : new Blueprint(shape, prepared, label, timeout, fairShare, null, hibernateAfter);
    }

    long timeoutNanos() {
        return timeout.toNanos();
    }
}
