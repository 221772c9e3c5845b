package dev.jsctx.pool.graal;

import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.JsEngineProvider;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * GraalJS (GraalVM Polyglot) behind the pool SPI, named {@value #NAME}.
 *
 * <p>Engine options ({@link PoolConfig#engineOptions()}): keys starting with {@code js.} override the context
 * options this engine sets (for example {@code js.ecmascript-version}); every other key (for example
 * {@code engine.CompilationFailureAction}) goes to the shared {@code org.graalvm.polyglot.Engine}. An unknown
 * or invalid option fails the pool's start with {@link dev.jsctx.pool.EngineNotAvailableException}, and so do
 * GraalVM jars of different versions (polyglot, Truffle, GraalJS, nativeimage, word...): the message names them.
 * See {@code pool-graal/README.md} for the sandbox, the options and the JIT flags.
 *
 * <p>{@link EngineCapability#MEMORY_MEASUREMENT} and {@link EngineCapability#MEMORY_LIMIT} are declared only on
 * Truffle's optimizing runtime (the JIT's JVM flags), the only one that measures a context's heap; elsewhere
 * {@code memoryBytes()} is -1 and a context with a memory limit is refused.
 */
public final class GraalEngineProvider implements JsEngineProvider {
    /** The engine's name. */
    public static final String NAME = "graal";

    /** Instantiated by {@link java.util.ServiceLoader}; does nothing. */
    public GraalEngineProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<EngineCapability> capabilities() {
        Set<EngineCapability> capabilities = EnumSet.of(
                EngineCapability.PROMISES,
                EngineCapability.BROWSER_API,
                EngineCapability.STATEMENT_BUDGET,
                EngineCapability.HOST_FUNCTIONS);
        if (ContextHeapMeter.supported()) {
            capabilities.add(EngineCapability.MEMORY_MEASUREMENT);
            capabilities.add(EngineCapability.MEMORY_LIMIT);
        }
        return capabilities;
    }

    @Override
    public JsEngine create(Map<String, String> options) {
        GraalJarVersions.requireOneVersion();
        return GraalEngineInstance.start(options);
    }
}
