package dev.jsctx.playground;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a tab last ran into its time limit, so that the contexts it opens soon after start with a short one. Without
 * it a fresh context (Reset, or the replacement for one the pool closed for its CPU share) would start with a clean
 * slate: no probation and the full time limit for its next endless loop, taken from the other tabs on its runtime
 * thread. Confined to the tab's view.
 */
final class TabCoolDown {
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private boolean offended;
    private long lastOffenceNanos;

    /**
     * @param period   how long after the last time-out the cool-down lasts
     * @param nanoTime the clock, {@code System::nanoTime} but in tests
     */
    TabCoolDown(Duration period, LongSupplier nanoTime) {
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A run of the tab ran into its time limit, or the pool closed the tab's context for its CPU share. */
    void offended() {
        offended = true;
        lastOffenceNanos = nanoTime.getAsLong();
    }

    /** @return whether a context the tab opens now gets the cool-down's time limit */
    boolean active() {
        return offended && nanoTime.getAsLong() - lastOffenceNanos < periodNanos;
    }
}
