package dev.jsctx.pool;

import java.util.List;

/**
 * A snapshot of a pool's counters. Totals count since the pool started.
 *
 * @param contextsOpen        contexts open now, spares not included
 * @param contextsPerThread   contexts open now on each runtime thread
 * @param queueDepthPerThread calls and tasks waiting now on each runtime thread
 * @param sparesReady         ready-made spare contexts now
 * @param opens               contexts opened
 * @param closes              contexts closed
 * @param calls               calls finished, successful or not
 * @param callsFailed         calls that ended with an error, time-outs included
 * @param callsTimedOut       calls interrupted at their time limit
 */
public record PoolStats(
        int contextsOpen,
        List<Integer> contextsPerThread,
        List<Integer> queueDepthPerThread,
        int sparesReady,
        long opens,
        long closes,
        long calls,
        long callsFailed,
        long callsTimedOut) {

    /** Keeps the lists immutable. */
    public PoolStats {
        contextsPerThread = List.copyOf(contextsPerThread);
        queueDepthPerThread = List.copyOf(queueDepthPerThread);
    }
}
