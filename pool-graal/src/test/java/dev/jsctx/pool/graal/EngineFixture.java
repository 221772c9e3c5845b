package dev.jsctx.pool.graal;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineRuntime;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * One engine for a test class, used directly through the SPI on the test's thread (the test thread plays the
 * runtime thread); contexts opened by a test are closed after it.
 */
abstract class EngineFixture {
    static GraalEngineInstance engine;
    static EngineRuntime runtime;
    private final List<EngineContext> opened = new ArrayList<>();

    @BeforeAll
    static void startEngine() {
        engine = GraalEngineInstance.start(Map.of());
        runtime = engine.newRuntime(0);
    }

    @AfterAll
    static void stopEngine() {
        runtime.close();
        engine.close();
    }

    @AfterEach
    void closeContexts() {
        opened.forEach(EngineContext::close);
    }

    TestContext open(ApiSurface surface, String... scripts) {
        return open(ContextSpec.builder().apiSurface(surface), scripts);
    }

    TestContext open(ContextSpec.Builder spec, String... scripts) {
        for (int i = 0; i < scripts.length; i++) {
            spec.addScript(Script.ofText("script" + i + ".js", scripts[i]));
        }
        ContextSpec built = spec.label("test").build();
        TestHost host = new TestHost("test");
        EngineContext context = runtime.createContext(built, engine.prepare(built), host);
        opened.add(context);
        return new TestContext(context, host);
    }

    /** A context and its host, with one-line calls. */
    record TestContext(EngineContext context, TestHost host) {
        Outcome call(String function, JsonValue... args) {
            Outcome outcome = new Outcome();
            context.call(function, List.of(args), outcome);
            return outcome;
        }

        Outcome eval(String source) {
            Outcome outcome = new Outcome();
            context.eval(source, outcome);
            return outcome;
        }

        /** Evaluates and returns the value, failing the test on an error. */
        JsonValue value(String source) {
            return eval(source).value();
        }
    }
}
