package com.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.EngineNotAvailableException;
import dev.jsctx.pool.PoolConfig;
import org.junit.jupiter.api.Test;

/** Helidon's BOM first gives GraalVM jars of two versions: the first pool's start says so, before anything runs. */
class MismatchedGraalJarsTest {
    @Test
    void theEngineRefusesToStartAndNamesTheJars() {
        EngineNotAvailableException e = assertThrows(
                EngineNotAvailableException.class, () -> ContextPool.create(PoolConfig.builder().build()));
        System.out.println("jsctx consumer: " + e.getMessage());
        String message = e.getMessage();
        assertTrue(message.startsWith("GraalJS cannot start: its GraalVM jars must all have one version"), message);
        // word stays 25.0.3 here: Helidon's BOM does not manage it, jsctx-bom does.
        assertTrue(
                message.contains("org.graalvm.polyglot:polyglot is 25.0.3 and org.graalvm.sdk:nativeimage 23.1.0."),
                message);
        assertTrue(message.contains("import dev.jsctx:jsctx-bom before it"), message);
    }
}
