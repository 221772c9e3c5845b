package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.EngineCapability;
import dev.jsctx.pool.EngineNotAvailableException;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.JsEngineProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GraalEngineInstanceTest extends EngineFixture {

    @Test
    @DisplayName("the provider is found by ServiceLoader under the name graal with every capability but measuring"
            + " and limiting memory, which need the optimizing runtime")
    void provider() {
        JsEngineProvider provider = ServiceLoader.load(JsEngineProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("graal"))
                .findFirst()
                .orElseThrow();
        assertEquals(JsEngineProvider.API_VERSION, provider.apiVersion());
        assertEquals(
                java.util.EnumSet.complementOf(
                        java.util.EnumSet.of(EngineCapability.MEMORY_MEASUREMENT, EngineCapability.MEMORY_LIMIT)),
                provider.capabilities());
    }

    @Test
    @DisplayName("describe names the engine, its version and the runtime in use")
    void describe() {
        Map<String, String> description = engine.describe();
        assertTrue(!description.get("version").isBlank(), description.toString());
        assertTrue(
                description.get("runtime").equals("optimized")
                        || description.get("runtime").equals("interpreter"),
                description.toString());
        assertEquals("2022", description.get("ecmascript"));
    }

    @Test
    @DisplayName("an unknown engine option fails the start with EngineNotAvailableException")
    void badOption() {
        assertThrows(
                EngineNotAvailableException.class,
                () -> new GraalEngineProvider().create(Map.of("engine.NoSuchOption", "1")));
        assertThrows(
                EngineNotAvailableException.class,
                () -> new GraalEngineProvider().create(Map.of("js.no-such-option", "1")));
    }

    @Test
    @DisplayName("js.* engine options override the context defaults, for example the ECMAScript edition")
    void ecmascriptOverride() {
        try (GraalEngineInstance es2017 = GraalEngineInstance.start(Map.of("js.ecmascript-version", "2017"))) {
            ContextShape spec =
                    new ContextShape(List.of(Script.ofText("modern.js", "const x = null ?? 1;")), ApiSurface.NONE, 0);
            assertEquals(
                    "SyntaxError",
                    assertThrows(JsException.class, () -> es2017.prepare(spec)).jsName());
            assertEquals("2017", es2017.describe().get("ecmascript"));
        }
    }
}
