package dev.jsctx.pool;

import java.time.Duration;

/**
 * The bounds every context holds to with {@link ApiSurface#BROWSER}'s timers and with what its scripts print, so a
 * hostile script cannot fill the JVM with timers or the log with text. Set once per pool
 * ({@link PoolConfig.Builder#browserLimits}): spare contexts are made before they know which spec they will serve.
 * Immutable; build one with {@link #builder()}.
 *
 * <p>Console output (and the engine's own warnings about a context, such as unhandled Promise rejections) is logged
 * one line per record with CR and LF escaped as {@code \r} and {@code \n}; a line longer than
 * {@link #maxLogLineBytes()} is cut and marked {@code … [N bytes cut]}; once a context has logged
 * {@link #logBytesPerSecond()} in the current second, its further lines are dropped and its next logged line is
 * preceded by one that counts them.
 */
public final class BrowserLimits {
    private static final BrowserLimits DEFAULTS = builder().build();

    private final int maxPendingTimers;
    private final Duration minTimerDelay;
    private final int maxLogLineBytes;
    private final int logBytesPerSecond;

    private BrowserLimits(Builder b) {
        this.maxPendingTimers = b.maxPendingTimers;
        this.minTimerDelay = b.minTimerDelay;
        this.maxLogLineBytes = b.maxLogLineBytes;
        this.logBytesPerSecond = b.logBytesPerSecond;
    }

    /**
     * @return a new builder; builders are not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the limits with every default
     */
    public static BrowserLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @return the most timers ({@code setTimeout} not yet run, {@code setInterval} not cleared) one context may have
     *     pending; one more throws a {@code RangeError}
     */
    public int maxPendingTimers() {
        return maxPendingTimers;
    }

    /** @return the shortest delay of a timer; shorter delays, 0 included, are raised to it */
    public Duration minTimerDelay() {
        return minTimerDelay;
    }

    /** @return the longest logged line, in UTF-8 bytes, before it is cut */
    public int maxLogLineBytes() {
        return maxLogLineBytes;
    }

    /** @return the most UTF-8 bytes one context may log per second; lines past it are dropped and counted */
    public int logBytesPerSecond() {
        return logBytesPerSecond;
    }

    @Override
    public String toString() {
        return "BrowserLimits[maxPendingTimers=" + maxPendingTimers + ", minTimerDelay=" + minTimerDelay
                + ", maxLogLineBytes=" + maxLogLineBytes + ", logBytesPerSecond=" + logBytesPerSecond + "]";
    }

    /**
     * Builds {@link BrowserLimits}. Not thread-safe.
     */
    public static final class Builder {
        private int maxPendingTimers = 1_000;
        private Duration minTimerDelay = Duration.ofMillis(4);
        private int maxLogLineBytes = 8_192;
        private int logBytesPerSecond = 65_536;

        private Builder() {}

        /**
         * Sets the most pending timers per context. If not invoked, 1,000.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxPendingTimers(int max) {
            this.maxPendingTimers = Arguments.atLeast("maxPendingTimers", max, 1);
            return this;
        }

        /**
         * Sets the shortest timer delay, also the shortest period of {@code setInterval}. If not invoked, 4 ms, the
         * clamp browsers apply to nested timers.
         *
         * @param delay zero or more, at most one second
         * @return this builder
         */
        public Builder minTimerDelay(Duration delay) {
            if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("minTimerDelay must be between 0 and 1 s: " + delay);
            }
            this.minTimerDelay = delay;
            return this;
        }

        /**
         * Sets the longest logged line. If not invoked, 8,192 bytes.
         *
         * @param bytes at least 64
         * @return this builder
         */
        public Builder maxLogLineBytes(int bytes) {
            this.maxLogLineBytes = Arguments.atLeast("maxLogLineBytes", bytes, 64);
            return this;
        }

        /**
         * Sets the most bytes one context may log per second. If not invoked, 65,536.
         *
         * @param bytes at least 64
         * @return this builder
         */
        public Builder logBytesPerSecond(int bytes) {
            this.logBytesPerSecond = Arguments.atLeast("logBytesPerSecond", bytes, 64);
            return this;
        }

        /**
         * @return the immutable limits
         */
        public BrowserLimits build() {
            return new BrowserLimits(this);
        }
    }
}
