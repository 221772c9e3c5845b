package dev.jsctx.pool.spi;

/**
 * What an engine can do beyond the minimum every engine must (load scripts, call, evaluate, close). The pool
 * refuses, with {@link dev.jsctx.pool.UnsupportedCapabilityException}, what an engine does not declare; the
 * conformance kit checks both the declared capabilities and the clean refusal of the others.
 */
public enum EngineCapability {
    /**
     * A call returning a Promise completes when it settles; microtasks run after each call. Without it, a
     * returned Promise fails the call with {@link dev.jsctx.pool.UnsupportedValueException}.
     */
    PROMISES,
    /** {@link dev.jsctx.pool.ApiSurface#BROWSER} is available. */
    BROWSER_API,
    /** {@link EngineContext#interrupt()} stops a running call, so runaway scripts are cut off at their limit. */
    INTERRUPT,
    /** Statement budgets ({@link dev.jsctx.pool.ContextSpec#statementBudget()}) are enforced. */
    STATEMENT_BUDGET,
    /** {@link EngineContext#memoryBytes()} returns a measurement, not -1. */
    MEMORY_MEASUREMENT
}
