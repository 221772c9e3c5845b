package dev.jsctx.pool;

/**
 * Told of every call that finishes, for metrics such as a latency timer.
 *
 * <p>Threading: invoked on the runtime thread that ran the call, right after it finished and before the caller
 * is woken. It must be fast and must not block or throw; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface CallObserver {
    /** An observer that does nothing. */
    CallObserver NONE = (label, nanos, outcome) -> {};

    /**
     * A call finished.
     *
     * @param label   the context's label
     * @param nanos   the time from the call being made to its result, in nanoseconds
     * @param outcome how it ended
     */
    void callFinished(String label, long nanos, CallOutcome outcome);

    /**
     * How a call ended.
     */
    enum CallOutcome {
        /** It returned a value. */
        OK,
        /** JavaScript threw, or the value could not be converted. */
        ERROR,
        /** It ran past its time limit and was interrupted. */
        TIMEOUT
    }
}
