package dev.jsctx.pool;

/**
 * Rethrows on a blocked caller's thread what failed on a runtime thread: a new exception of the same type and
 * message, whose stack trace is the caller's, with the runtime thread's exception as its cause. Without it, the
 * caller's own frames would be missing from the stack trace (the JDK's {@code HttpClient.send} wraps for the same
 * reason).
 */
final class CallerStack {
    private CallerStack() {}

    /**
     * @param failure what the runtime thread failed the request with
     * @return a copy made here, or {@code failure} itself for a type the pool does not make
     */
    static RuntimeException inCaller(RuntimeException failure) {
        RuntimeException copy = switch (failure) {
            case JsException js -> new JsException(js.jsName(), js.jsMessage(), js.jsStack());
            case CallTimeoutException timeout -> new CallTimeoutException(timeout);
            case StatementBudgetExceededException budget -> new StatementBudgetExceededException(budget.getMessage());
            case MemoryLimitExceededException memory -> new MemoryLimitExceededException(memory);
            case PoolClosedException closed -> new PoolClosedException(closed.getMessage());
            case ContextClosedException closed -> new ContextClosedException(closed.getMessage());
            case UnsupportedValueException value -> new UnsupportedValueException(value.getMessage());
            case JsContextException other
            when other.getClass() == JsContextException.class -> new JsContextException(other.getMessage());
            default -> null;
        };
        if (copy == null || copy.getClass() != failure.getClass()) {
            return failure; // an engine's own subtype: thrown as it is
        }
        copy.initCause(failure);
        return copy;
    }
}
