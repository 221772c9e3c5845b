package dev.jsctx.pool;

import java.time.Duration;

/**
 * A call ran past its time limit and was interrupted. The context stays usable.
 *
 * <p>{@link #elapsed()} says how long the call held on after its start: for engine code interrupted on the runtime
 * thread, how long it kept that thread, interrupt included; for a Promise that did not settle in time, when its time
 * limit ran out. Minus {@link #limit()}, it is how late the interrupt stopped the code.
 */
public class CallTimeoutException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final Duration limit;
    private final Duration elapsed;

    /**
     * @param label   the context
     * @param limit   the time limit
     * @param elapsed from the call's start to its failure
     */
    public CallTimeoutException(String label, Duration limit, Duration elapsed) {
        super("Call on context '" + label + "' ran past its time limit of " + limit.toMillis()
                + " ms and was interrupted after " + millis(elapsed) + " ms");
        this.limit = limit;
        this.elapsed = elapsed;
    }

    /** A copy for the waiting caller's thread (see {@code CallerStack}). */
    CallTimeoutException(CallTimeoutException original) {
        super(original.getMessage());
        this.limit = original.limit;
        this.elapsed = original.elapsed;
    }

    private static String millis(Duration elapsed) {
        return String.format(java.util.Locale.ROOT, "%.1f", elapsed.toNanos() / 1e6);
    }

    /**
     * @return the time limit (for a context on {@link FairShare} probation, its shorter one)
     */
    public Duration limit() {
        return limit;
    }

    /**
     * @return from the call's start to its failure
     */
    public Duration elapsed() {
        return elapsed;
    }
}
