package dev.jsctx.pool;

/**
 * A context kept running into its time limit while on probation (see {@link FairShare}), so it was closed to protect
 * the other contexts on its runtime thread: open a new one.
 */
public class CpuShareExceededException extends ContextClosedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the context and how often it ran into its time limit
     */
    public CpuShareExceededException(String message) {
        super(message);
    }
}
