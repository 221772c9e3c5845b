package dev.jsctx.pool;

/**
 * What an engine can do beyond what every engine must (load scripts, call, evaluate, interrupt a running call,
 * close). An engine declares its capabilities ({@link dev.jsctx.pool.spi.JsEngineProvider#capabilities()}); the pool
 * refuses, with {@link UnsupportedCapabilityException}, a spec needing one the engine lacks, and the conformance
 * kit checks both the declared capabilities and the clean refusal of the others. Interrupting a running call is
 * not listed: the pool cannot keep its time limits without it, so every engine must.
 */
public enum EngineCapability {
    /**
     * A call returning a Promise completes when it settles; microtasks run after each call. Without it, a
     * returned Promise fails the call with {@link UnsupportedValueException}.
     */
    PROMISES,
    /** {@link ApiSurface#BROWSER} is available. */
    BROWSER_API,
    /** Statement budgets ({@link ContextSpec#statementBudget()}) are enforced. */
    STATEMENT_BUDGET,
    /** {@link JsContext#memoryBytes()} returns a measurement, not -1. */
    MEMORY_MEASUREMENT,
    /**
     * Contexts opened with {@link HostFunctions} get the global {@code host} object: host functions, and messages
     * both ways ({@link ContextPool#open(ContextSpec, HostFunctions)}, {@link JsContext#send}).
     */
    HOST_FUNCTIONS,
    /**
     * Memory limits ({@link ContextSpec#memoryLimitBytes()}, {@link PoolConfig#memoryLimitBytes()}) are enforced:
     * the engine measures a context's retained heap while a call runs
     * ({@link dev.jsctx.pool.spi.EngineContext#retainedBytesUpTo}), and a context past its limit fails its call
     * with {@link MemoryLimitExceededException} and is closed.
     */
    MEMORY_LIMIT
}
