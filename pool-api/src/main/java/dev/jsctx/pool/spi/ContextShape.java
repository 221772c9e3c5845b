package dev.jsctx.pool.spi;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.Script;
import java.util.List;

/**
 * What makes contexts interchangeable: their scripts, API surface, statement budget, whether they have the
 * {@code host} object, and memory limit. Contexts of one shape share prepared scripts and spare contexts, whatever
 * their labels, time limits and host functions ({@link dev.jsctx.pool.ContextSpec#sameShape}).
 *
 * @param scripts          the scripts, loaded in this order
 * @param apiSurface       the globals beyond ECMAScript
 * @param statementBudget  the most statements one call may run, or 0 for no budget
 * @param hostObject       whether the engine installs the global {@code host} object ({@link HostObject}) before the
 *                         scripts load; only with {@link dev.jsctx.pool.EngineCapability#HOST_FUNCTIONS}
 * @param memoryLimitBytes the most heap the context may hold, or 0 for no limit; the pool enforces it (see
 *                         {@link EngineContext#retainedBytesUpTo}), an engine may also bound single allocations by
 *                         it (the length of one string or array)
 */
public record ContextShape(
        List<Script> scripts, ApiSurface apiSurface, long statementBudget, boolean hostObject, long memoryLimitBytes) {
    /** Keeps the list immutable. */
    public ContextShape {
        scripts = List.copyOf(scripts);
    }

    /**
     * A shape without the {@code host} object and without memory limit.
     *
     * @param scripts         the scripts, loaded in this order
     * @param apiSurface      the globals beyond ECMAScript
     * @param statementBudget the most statements one call may run, or 0 for no budget
     */
    public ContextShape(List<Script> scripts, ApiSurface apiSurface, long statementBudget) {
        this(scripts, apiSurface, statementBudget, false, 0);
    }

    /**
     * @param withHost whether the shape has the {@code host} object
     * @return this shape, with or without it
     */
    public ContextShape withHostObject(boolean withHost) {
        return withHost == hostObject
                ? this
                : new ContextShape(scripts, apiSurface, statementBudget, withHost, memoryLimitBytes);
    }
}
