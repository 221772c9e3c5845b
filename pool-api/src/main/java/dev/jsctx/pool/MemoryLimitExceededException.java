package dev.jsctx.pool;

/**
 * A context held more heap than its memory limit ({@link ContextSpec#memoryLimitBytes()}, else
 * {@link PoolConfig#memoryLimitBytes()}): the call that was running was interrupted and failed with this
 * exception, and the context was closed, which frees its heap. Every later call on it fails with a
 * {@link ContextClosedException}; open a new context. Other contexts, on the same runtime thread or not, are not
 * affected.
 */
public class MemoryLimitExceededException extends ContextClosedException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    /**
     * @param label         the context
     * @param limitBytes    its memory limit
     * @param measuredBytes what it was found to hold (or to have allocated, see the engine's documentation), at
     *                      least past the limit
     */
    public MemoryLimitExceededException(String label, long limitBytes, long measuredBytes) {
        super("Context '" + label + "' held more than its memory limit of " + limitBytes + " bytes (" + measuredBytes
                + " bytes measured); its call was interrupted and the context was closed; open a new one");
        this.limitBytes = limitBytes;
    }

    /** A copy for the waiting caller's thread (see {@code CallerStack}). */
    MemoryLimitExceededException(MemoryLimitExceededException original) {
        super(original.getMessage());
        this.limitBytes = original.limitBytes;
    }

    /**
     * @return the context's memory limit, in bytes
     */
    public long limitBytes() {
        return limitBytes;
    }
}
