package dev.jsctx.pool.spi;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.Script;
import java.util.List;

/**
 * What makes contexts interchangeable: their scripts, API surface and statement budget. Contexts of one shape
 * share prepared scripts and spare contexts, whatever their labels and time limits
 * ({@link dev.jsctx.pool.ContextSpec#sameShape}).
 *
 * @param scripts         the scripts, loaded in this order
 * @param apiSurface      the globals beyond ECMAScript
 * @param statementBudget the most statements one call may run, or 0 for no budget
 */
public record ContextShape(List<Script> scripts, ApiSurface apiSurface, long statementBudget) {
    /** Keeps the list immutable. */
    public ContextShape {
        scripts = List.copyOf(scripts);
    }
}
