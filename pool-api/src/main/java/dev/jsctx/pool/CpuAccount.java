package dev.jsctx.pool;

/**
 * What one context has taken of its runtime thread, for its {@link FairShare}: whether it is on probation, how many
 * time-outs it had there, and until when it is deferred. Confined to the runtime thread; costs a context that never
 * runs into its time limit one comparison per run.
 */
final class CpuAccount {
    private final FairShare fairShare;
    private final long probationLimitNanos;
    private final long probationNanos;
    /** How long a context pauses per nanosecond it ran, while on probation. */
    private final double pausePerNano;

    private boolean onProbation;
    private int timeouts;
    /** When the last time-out was; probation ends {@link FairShare#probation()} after it. */
    private long lastTimeoutNanos;
    /** The context starts no run before this, while on probation. */
    private long deferredUntilNanos;

    CpuAccount(FairShare fairShare) {
        this.fairShare = fairShare;
        this.probationLimitNanos = fairShare.probationCallTimeout().toNanos();
        this.probationNanos = fairShare.probation().toNanos();
        this.pausePerNano = 1 / fairShare.share() - 1;
    }

    /**
     * @return the deadline of a run starting at {@code nowNanos} with time limit {@code limitNanos}
     */
    long deadline(long nowNanos, long limitNanos) {
        if (onProbation && nowNanos - lastTimeoutNanos > probationNanos) {
            onProbation = false;
            timeouts = 0;
        }
        return nowNanos + (onProbation ? Math.min(limitNanos, probationLimitNanos) : limitNanos);
    }

    /**
     * @return the time before which the context must not start a run, or {@code nowNanos} when it may now
     */
    long deferredUntil(long nowNanos) {
        return onProbation && deferredUntilNanos - nowNanos > 0 ? deferredUntilNanos : nowNanos;
    }

    /**
     * A run of the context ended.
     *
     * @return whether the context is to be closed for it ({@link FairShare#maxTimeouts()} reached)
     */
    boolean ran(long startNanos, long endNanos, boolean timedOut) {
        if (fairShare.isOff()) {
            return false;
        }
        if (!onProbation) {
            if (timedOut) { // the first time-out starts probation; its own run is not paid back
                onProbation = true;
                lastTimeoutNanos = endNanos;
            }
            return false;
        }
        deferredUntilNanos = endNanos + (long) ((endNanos - startNanos) * pausePerNano);
        if (timedOut) {
            timeouts++;
            lastTimeoutNanos = endNanos;
        }
        return timeouts >= fairShare.maxTimeouts();
    }

    /** @return the time-outs of this probation so far */
    int timeouts() {
        return timeouts;
    }

    FairShare fairShare() {
        return fairShare;
    }
}
