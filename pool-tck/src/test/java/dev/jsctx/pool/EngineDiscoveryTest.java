package dev.jsctx.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.tck.FakeEngine;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test class path registers three fake providers: fake, fake-minimal and fake-old (an outdated SPI).
 */
@DisplayName("engine discovery")
class EngineDiscoveryTest {
    private final ClassLoader testLoader = EngineDiscoveryTest.class.getClassLoader();

    @Test
    @DisplayName("an engine is found by its name")
    void byName() {
        assertInstanceOf(FakeEngine.class, EngineDiscovery.find("fake", testLoader));
        assertInstanceOf(FakeProviders.Minimal.class, EngineDiscovery.find("fake-minimal", testLoader));
    }

    @Test
    @DisplayName("several engines and no name is an error listing every one")
    void severalWithoutName() {
        EngineNotAvailableException error =
                assertThrows(EngineNotAvailableException.class, () -> EngineDiscovery.find(null, testLoader));
        assertTrue(error.getMessage().contains("Several JavaScript engines"), error.getMessage());
        for (String name : new String[] {"'fake'", "'fake-minimal'", "'fake-old'", "jsctx.engine"}) {
            assertTrue(error.getMessage().contains(name), error.getMessage());
        }
    }

    @Test
    @DisplayName("a name nobody has is an error listing what was found")
    void unknownName() {
        EngineNotAvailableException error =
                assertThrows(EngineNotAvailableException.class, () -> EngineDiscovery.find("nope", testLoader));
        assertTrue(error.getMessage().contains("'nope'"), error.getMessage());
        assertTrue(error.getMessage().contains("'fake-minimal'"), error.getMessage());
    }

    @Test
    @DisplayName("no engine at all is an error saying how to add one")
    void none() {
        ClassLoader empty = new ClassLoader(null) {};
        EngineNotAvailableException error =
                assertThrows(EngineNotAvailableException.class, () -> EngineDiscovery.find(null, empty));
        assertTrue(error.getMessage().startsWith("No JavaScript engine was found"), error.getMessage());
        assertTrue(error.getMessage().contains("jsctx-pool-graal"), error.getMessage());
    }

    @Test
    @DisplayName("an engine written for another SPI version is refused clearly")
    void versionMismatch() {
        EngineNotAvailableException error =
                assertThrows(EngineNotAvailableException.class, () -> EngineDiscovery.find("fake-old", testLoader));
        assertTrue(error.getMessage().contains("SPI version 1"), error.getMessage());
        assertTrue(error.getMessage().contains("implements version 2"), error.getMessage());
    }

    @Test
    @DisplayName("a provider that fails to load is skipped")
    void brokenProviderIsSkipped(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.jsctx.pool.spi.JsEngineProvider"), "dev.jsctx.pool.NoSuchEngine\n");
        try (URLClassLoader withBroken =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, testLoader)) {
            assertInstanceOf(FakeEngine.class, EngineDiscovery.find("fake", withBroken));
        }
    }

    @Test
    @DisplayName("an engine given as an instance is used without looking further")
    void instance() {
        FakeEngine own = new FakeEngine("own", java.util.Set.of());
        assertTrue(EngineDiscovery.find(PoolConfig.builder().engine(own).build()) == own);
    }

    @Test
    @DisplayName("the system property names the engine when the configuration does not, and the configuration wins")
    void systemProperty() {
        String before = System.getProperty(EngineDiscovery.ENGINE_PROPERTY);
        try {
            System.setProperty(EngineDiscovery.ENGINE_PROPERTY, "fake-minimal");
            assertInstanceOf(FakeProviders.Minimal.class, EngineDiscovery.find(PoolConfig.defaults()));
            assertEquals(
                    "fake",
                    EngineDiscovery.find(PoolConfig.builder().engine("fake").build())
                            .name());
        } finally {
            if (before == null) {
                System.clearProperty(EngineDiscovery.ENGINE_PROPERTY);
            } else {
                System.setProperty(EngineDiscovery.ENGINE_PROPERTY, before);
            }
        }
    }
}
