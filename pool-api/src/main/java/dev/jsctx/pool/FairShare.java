package dev.jsctx.pool;

import java.time.Duration;

/**
 * How much of its runtime thread a context that keeps running into its time limit may take, so that it delays the
 * other contexts on that thread by at most {@link #probationCallTimeout()}, not by its time limit on every call.
 *
 * <p>A context whose call or timer task runs past its time limit is interrupted (the call fails with
 * {@link CallTimeoutException}, as always) and is then <em>on probation</em> until it has run
 * {@link #probation()} without another time-out:
 * <ul>
 *   <li>each of its calls and timer tasks may run at most {@link #probationCallTimeout()} (or its own time limit,
 *       if smaller);
 *   <li>after each run it is deferred, so that it uses at most {@link #share()} of its runtime thread's time: a run
 *       of {@code d} is followed by a pause of {@code d * (1 / share - 1)} before its next call or timer task starts.
 *       Its calls wait in its own queue meanwhile, in their order; other contexts' calls pass it;
 *   <li>after {@link #maxTimeouts()} more time-outs during one probation, the context is closed: the call (or
 *       timer task) that ran into its limit the last time fails with {@link CpuShareExceededException}, and so does
 *       every later call.
 * </ul>
 * A context that never runs into its time limit is never slowed down, whatever it runs. Only what runs on the
 * runtime thread counts: time spent waiting for a Promise is free.
 *
 * <p>Set a pool's default with {@link PoolConfig.Builder#fairShare} and a spec's own with
 * {@link ContextSpec.Builder#fairShare}. Immutable and thread-safe.
 */
public final class FairShare {
    private static final FairShare DEFAULTS = builder().build();
    private static final FairShare OFF = new FairShare(1.0, Duration.ofDays(365), Duration.ZERO, Integer.MAX_VALUE);

    private final double share;
    private final Duration probationCallTimeout;
    private final Duration probation;
    private final int maxTimeouts;

    private FairShare(double share, Duration probationCallTimeout, Duration probation, int maxTimeouts) {
        this.share = share;
        this.probationCallTimeout = probationCallTimeout;
        this.probation = probation;
        this.maxTimeouts = maxTimeouts;
    }

    /**
     * @return a new builder, starting from the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return share 0.1, probation call timeout 10 ms, probation 10 s, 50 time-outs
     */
    public static FairShare defaults() {
        return DEFAULTS;
    }

    /**
     * @return no bound: a context that runs into its time limit is neither slowed down nor closed for it
     */
    public static FairShare off() {
        return OFF;
    }

    /** @return the most of its runtime thread's time a context on probation may use, in (0, 1] */
    public double share() {
        return share;
    }

    /** @return the time limit of each call and timer task of a context on probation */
    public Duration probationCallTimeout() {
        return probationCallTimeout;
    }

    /** @return how long a context on probation must run without a time-out to be off probation */
    public Duration probation() {
        return probation;
    }

    /** @return the time-outs during one probation (the one that started it not counted) that close the context */
    public int maxTimeouts() {
        return maxTimeouts;
    }

    /** @return whether this bounds nothing ({@link #off()}) */
    boolean isOff() {
        return this == OFF;
    }

    @Override
    public String toString() {
        return isOff()
                ? "FairShare[off]"
                : "FairShare[share=" + share + ", probationCallTimeout=" + probationCallTimeout + ", probation="
                        + probation + ", maxTimeouts=" + maxTimeouts + "]";
    }

    /**
     * Builds a {@link FairShare}; not thread-safe.
     */
    public static final class Builder {
        private double share = 0.1;
        private Duration probationCallTimeout = Duration.ofMillis(10);
        private Duration probation = Duration.ofSeconds(10);
        private int maxTimeouts = 50;

        private Builder() {}

        /**
         * Sets the most of its runtime thread's time a context on probation may use. If not invoked, 0.1.
         *
         * @param share more than 0, at most 1 (1: never deferred, only the shorter time limit applies)
         * @return this builder
         */
        public Builder share(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be in (0, 1], got " + share);
            }
            this.share = share;
            return this;
        }

        /**
         * Sets the time limit of each call and timer task of a context on probation: the most it delays the other
         * contexts on its runtime thread at a time. If not invoked, 10 ms.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder probationCallTimeout(Duration timeout) {
            this.probationCallTimeout = Arguments.positive("probationCallTimeout", timeout);
            return this;
        }

        /**
         * Sets how long a context on probation must run without a time-out to be off probation (its count of
         * time-outs starts again). If not invoked, 10 seconds.
         *
         * @param probation a positive duration
         * @return this builder
         */
        public Builder probation(Duration probation) {
            this.probation = Arguments.positive("probation", probation);
            return this;
        }

        /**
         * Sets after how many time-outs during one probation (the one that started it not counted) the context is
         * closed with {@link CpuShareExceededException}. If not invoked, 50.
         *
         * @param maxTimeouts at least 1
         * @return this builder
         */
        public Builder maxTimeouts(int maxTimeouts) {
            this.maxTimeouts = Arguments.atLeast("maxTimeouts", maxTimeouts, 1);
            return this;
        }

        /**
         * @return the immutable setting
         */
        public FairShare build() {
            return new FairShare(share, probationCallTimeout, probation, maxTimeouts);
        }
    }
}
