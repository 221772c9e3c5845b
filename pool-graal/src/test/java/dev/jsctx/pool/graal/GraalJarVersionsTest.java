package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraalJarVersionsTest {
    private static Map<String, String> versions(String... coordinatesAndVersions) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < coordinatesAndVersions.length; i += 2) {
            map.put(coordinatesAndVersions[i], coordinatesAndVersions[i + 1]);
        }
        return map;
    }

    @Test
    void oneVersionEverywhereIsFine() {
        assertEquals(
                Optional.empty(),
                GraalJarVersions.mismatch(versions(
                        "org.graalvm.polyglot:polyglot", "25.0.3",
                        "org.graalvm.sdk:nativeimage", "25.0.3",
                        "org.graalvm.sdk:word", "25.0.3",
                        "org.graalvm.truffle:truffle-api", "25.0.3")));
    }

    @Test
    void helidonsNativeimageAndWordAreNamedWithPolyglotsVersion() {
        String message = GraalJarVersions.mismatch(versions(
                        "org.graalvm.polyglot:polyglot", "25.0.3",
                        "org.graalvm.sdk:collections", "25.0.3",
                        "org.graalvm.sdk:nativeimage", "23.1.0",
                        "org.graalvm.sdk:word", "23.1.0",
                        "org.graalvm.truffle:truffle-api", "25.0.3"))
                .orElseThrow();
        assertTrue(
                message.contains("org.graalvm.polyglot:polyglot is 25.0.3 and "
                        + "org.graalvm.sdk:nativeimage 23.1.0, org.graalvm.sdk:word 23.1.0."),
                message);
        assertTrue(message.contains("import dev.jsctx:jsctx-bom before it"), message);
        assertTrue(!message.contains("collections") && !message.contains("truffle-api"), message);
    }

    @Test
    void aTruffleOfAnotherVersionIsNamed() {
        String message = GraalJarVersions.mismatch(versions(
                        "org.graalvm.polyglot:polyglot", "25.0.3", "org.graalvm.truffle:truffle-api", "25.0.2"))
                .orElseThrow();
        assertTrue(message.contains("org.graalvm.truffle:truffle-api 25.0.2"), message);
    }

    @Test
    void nothingToCompareWithoutPolyglotsVersion() {
        assertEquals(Optional.empty(), GraalJarVersions.mismatch(versions("org.graalvm.sdk:nativeimage", "23.1.0")));
    }

    @Test
    void findsTheJarsOfThisBuildAllOnPolyglotsVersion() {
        Map<String, String> found = GraalJarVersions.onClassPath();
        String polyglot = found.get("org.graalvm.polyglot:polyglot");
        assertEquals("25.0.3", polyglot, found.toString());
        for (String jar : new String[] {
            "org.graalvm.sdk:nativeimage",
            "org.graalvm.sdk:word",
            "org.graalvm.truffle:truffle-api",
            "org.graalvm.js:js-language"
        }) {
            assertEquals(polyglot, found.get(jar), jar + " in " + found);
        }
        GraalJarVersions.requireOneVersion();
    }

    @Test
    void readsTheManifestElseTheMavenFileName(@TempDir Path dir) throws IOException {
        // GraalVM 23.1.0's jars have no manifest at all.
        Path old = dir.resolve("word-23.1.0.jar");
        try (OutputStream out = Files.newOutputStream(old);
                JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new ZipEntry("org/graalvm/word/WordBase.class"));
        }
        assertEquals("23.1.0", GraalJarVersions.versionOf(old));

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "25.0.3");
        Path renamed = dir.resolve("word.jar");
        try (OutputStream out = Files.newOutputStream(renamed);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("org/graalvm/word/WordBase.class"));
        }
        assertEquals("25.0.3", GraalJarVersions.versionOf(renamed));

        Path unknown = dir.resolve("word-latest.jar");
        Files.copy(old, unknown);
        assertNull(GraalJarVersions.versionOf(unknown));
    }
}
