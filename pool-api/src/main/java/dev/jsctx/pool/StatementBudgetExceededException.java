package dev.jsctx.pool;

/**
 * A call ran more statements than its spec's budget allows. Engines cannot resume such a context, so it is closed: open a new one.
 */
public class StatementBudgetExceededException extends ContextClosedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the budget and the context
     */
    public StatementBudgetExceededException(String message) {
        super(message);
    }
}
