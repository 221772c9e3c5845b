package dev.jsctx.pool.spi;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.Script;
import java.util.List;

/**
 * What makes contexts interchangeable: their scripts, API surface, statement budget and memory limit. Contexts of
 * one shape share prepared scripts and spare contexts, whatever their labels and time limits
 * ({@link dev.jsctx.pool.ContextSpec#sameShape}).
 *
 * @param scripts          the scripts, loaded in this order
 * @param apiSurface       the globals beyond ECMAScript
 * @param statementBudget  the most statements one call may run, or 0 for no budget
 * @param memoryLimitBytes the most heap the context may hold, or 0 for no limit; the pool enforces it (see
 *                         {@link EngineContext#retainedBytesUpTo}), an engine may also bound single allocations by
 *                         it (the length of one string or array)
 */
public record ContextShape(List<Script> scripts, ApiSurface apiSurface, long statementBudget, long memoryLimitBytes) {
    /** Keeps the list immutable. */
    public ContextShape {
        scripts = List.copyOf(scripts);
    }

    /**
     * A shape without memory limit.
     *
     * @param scripts         the scripts, loaded in this order
     * @param apiSurface      the globals beyond ECMAScript
     * @param statementBudget the most statements one call may run, or 0 for no budget
     */
    public ContextShape(List<Script> scripts, ApiSurface apiSurface, long statementBudget) {
        this(scripts, apiSurface, statementBudget, 0);
    }
}
