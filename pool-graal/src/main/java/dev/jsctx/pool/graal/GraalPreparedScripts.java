package dev.jsctx.pool.graal;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.spi.PreparedScripts;
import java.util.List;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;

/**
 * One spec shape's cached sources (parsed once per engine), surface, statement budget and memory limit.
 *
 * @param sources          the scripts, in load order
 * @param surface          the API surface
 * @param limits           the statement limit, or null for none
 * @param statementBudget  the budget, or 0 for none (for messages)
 * @param memoryLimitBytes the memory limit, or 0 for none
 */
record GraalPreparedScripts(
        List<Source> sources, ApiSurface surface, ResourceLimits limits, long statementBudget, long memoryLimitBytes)
        implements PreparedScripts {}
