package dev.jsctx.liveview;

/**
 * A token bucket: {@code capacity} takes at once, refilled at {@code perSecond}. Not thread-safe: each bucket is
 * used by one thread at a time (a socket's connection thread) or under its owner's lock.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNanosecond;
    private double tokens;
    private long lastNanos;

    TokenBucket(double capacity, double perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perNanosecond = perSecond / 1e9;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Take one token; false (and nothing taken) when the bucket is empty. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** True if a token could be taken now (nothing is taken). */
    boolean peek(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    /** True once the bucket has refilled completely: nothing taken lately, so it can be forgotten. */
    boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNanosecond);
        lastNanos = nowNanos;
    }
}
