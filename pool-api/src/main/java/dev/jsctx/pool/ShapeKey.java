package dev.jsctx.pool;

import java.util.List;

/**
 * What makes specs interchangeable for parsed scripts and spare contexts; equal exactly when
 * {@link ContextSpec#sameShape} holds.
 */
record ShapeKey(List<Script> scripts, ApiSurface apiSurface, long statementBudget) {
    static ShapeKey of(ContextSpec spec) {
        return new ShapeKey(
                spec.scripts(), spec.apiSurface(), spec.statementBudget().orElse(0));
    }
}
