package dev.jsctx.pool;

import java.util.List;

/**
 * A snapshot of a pool's counters, from {@link ContextPool#stats()}. Totals count since the pool started.
 * Immutable. A final class rather than a record, so that counters can be added without breaking callers; only the
 * pool makes one.
 */
public final class PoolStats {
    private final int contextsOpen;
    private final List<Integer> contextsPerThread;
    private final List<Integer> queueDepthPerThread;
    private final int sparesReady;
    private final long opens;
    private final long closes;
    private final long calls;
    private final long callsFailed;
    private final long callsTimedOut;
    private final int contextsHibernating;
    private final long hibernations;
    private final long wakes;

    PoolStats(
            int contextsOpen,
            List<Integer> contextsPerThread,
            List<Integer> queueDepthPerThread,
            int sparesReady,
            long opens,
            long closes,
            long calls,
            long callsFailed,
            long callsTimedOut,
            int contextsHibernating,
            long hibernations,
            long wakes) {
        this.contextsOpen = contextsOpen;
        this.contextsPerThread = List.copyOf(contextsPerThread);
        this.queueDepthPerThread = List.copyOf(queueDepthPerThread);
        this.sparesReady = sparesReady;
        this.opens = opens;
        this.closes = closes;
        this.calls = calls;
        this.callsFailed = callsFailed;
        this.callsTimedOut = callsTimedOut;
        this.contextsHibernating = contextsHibernating;
        this.hibernations = hibernations;
        this.wakes = wakes;
    }

    /** @return contexts open now, spares not included */
    public int contextsOpen() {
        return contextsOpen;
    }

    /** @return contexts open now on each runtime thread, immutable */
    public List<Integer> contextsPerThread() {
        return contextsPerThread;
    }

    /** @return calls and tasks waiting now on each runtime thread, immutable */
    public List<Integer> queueDepthPerThread() {
        return queueDepthPerThread;
    }

    /** @return ready-made spare contexts now */
    public int sparesReady() {
        return sparesReady;
    }

    /** @return contexts opened */
    public long opens() {
        return opens;
    }

    /** @return contexts closed */
    public long closes() {
        return closes;
    }

    /** @return calls finished, successful or not */
    public long calls() {
        return calls;
    }

    /** @return calls that ended with an error, time-outs included */
    public long callsFailed() {
        return callsFailed;
    }

    /** @return calls interrupted at their time limit */
    public long callsTimedOut() {
        return callsTimedOut;
    }

    /**
     * @return contexts hibernating now (see {@link PoolConfig.Builder#hibernateAfter}): open, their state saved,
     *     their engine context closed; counted in {@link #contextsOpen()} too
     */
    public int contextsHibernating() {
        return contextsHibernating;
    }

    /** @return times a context hibernated */
    public long hibernations() {
        return hibernations;
    }

    /** @return times a hibernating context was restored for a call or message (restores that failed not included) */
    public long wakes() {
        return wakes;
    }

    @Override
    public String toString() {
        return "PoolStats[contextsOpen=" + contextsOpen + ", contextsPerThread=" + contextsPerThread
                + ", queueDepthPerThread=" + queueDepthPerThread + ", sparesReady=" + sparesReady + ", opens=" + opens
                + ", closes=" + closes + ", calls=" + calls + ", callsFailed=" + callsFailed + ", callsTimedOut="
                + callsTimedOut + ", contextsHibernating=" + contextsHibernating + ", hibernations=" + hibernations
                + ", wakes=" + wakes + "]";
    }
}
