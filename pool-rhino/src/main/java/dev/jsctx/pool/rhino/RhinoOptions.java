package dev.jsctx.pool.rhino;

import java.util.Map;

/**
 * The engine options this engine reads (see {@link RhinoEngineProvider}).
 *
 * @param sharedBuiltins whether contexts share one sealed set of built-in objects per runtime thread
 * @param maxStackDepth  the deepest call nesting before a {@code RangeError}
 */
record RhinoOptions(boolean sharedBuiltins, int maxStackDepth) {
    static final String SHARED_BUILTINS = "rhino.sharedBuiltins";
    static final String MAX_STACK_DEPTH = "rhino.maxStackDepth";

    static RhinoOptions from(Map<String, String> options) {
        String depth = options.getOrDefault(MAX_STACK_DEPTH, "1000");
        int maxStackDepth;
        try {
            maxStackDepth = Integer.parseInt(depth);
        } catch (NumberFormatException e) {
            maxStackDepth = 0;
        }
        if (maxStackDepth < 1) {
            throw new IllegalArgumentException(
                    "Engine option " + MAX_STACK_DEPTH + " must be a positive integer: " + depth);
        }
        return new RhinoOptions(Boolean.parseBoolean(options.getOrDefault(SHARED_BUILTINS, "false")), maxStackDepth);
    }
}
