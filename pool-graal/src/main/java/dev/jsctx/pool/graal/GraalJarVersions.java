package dev.jsctx.pool.graal;

import dev.jsctx.pool.EngineNotAvailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of the GraalVM jars GraalJS runs on, which must all be polyglot's. Polyglot checks only Truffle
 * against itself, and Helidon 4.5's BOM pins {@code org.graalvm.sdk:nativeimage} to 23.1.0, which brings
 * {@code word} 23.1.0 with it unless something else manages word. Tried here with polyglot 25.0.3: word 23.1.0
 * lets GraalJS start and run interpreted, then breaks the JIT at its first compilation ("Compiler initialization
 * failed cannot continue", from an {@code IllegalAccessError} deep in the Graal compiler); nativeimage 23.1.0 alone
 * ran. GraalVM supports no mixed set, so any difference is refused, once per JVM, before the first engine is built.
 */
final class GraalJarVersions {
    private static final String POLYGLOT = "org.graalvm.polyglot:polyglot";

    /** A class in each jar, by the jar's Maven coordinates. */
    private static final Map<String, String> CLASS_IN_JAR = orderedMap(
            POLYGLOT,
            "org/graalvm/polyglot/Engine.class",
            "org.graalvm.sdk:collections",
            "org/graalvm/collections/EconomicMap.class",
            "org.graalvm.sdk:nativeimage",
            "org/graalvm/nativeimage/ImageInfo.class",
            "org.graalvm.sdk:word",
            "org/graalvm/word/WordBase.class",
            "org.graalvm.sdk:jniutils",
            "org/graalvm/jniutils/JNI.class",
            "org.graalvm.truffle:truffle-api",
            "com/oracle/truffle/api/TruffleLanguage.class",
            "org.graalvm.truffle:truffle-runtime",
            "com/oracle/truffle/runtime/OptimizedCallTarget.class",
            "org.graalvm.truffle:truffle-compiler",
            "com/oracle/truffle/compiler/TruffleCompiler.class",
            "org.graalvm.js:js-language",
            "com/oracle/truffle/js/lang/JavaScriptLanguage.class",
            "org.graalvm.regex:regex",
            "com/oracle/truffle/regex/RegexLanguage.class",
            "org.graalvm.shadowed:icu4j",
            "org/graalvm/shadowed/com/ibm/icu/text/Normalizer.class",
            "org.graalvm.shadowed:xz",
            "org/graalvm/shadowed/org/tukaani/xz/XZ.class");

    /** A Maven-named jar: {@code word-23.1.0.jar}. GraalVM 23 jars carry no version in their manifest. */
    private static final Pattern VERSIONED_JAR_NAME = Pattern.compile("-(\\d[\\w.-]*)\\.jar$");

    private static final class Found {
        static final Optional<String> MISMATCH = mismatch(onClassPath());
    }

    private GraalJarVersions() {}

    /**
     * Fails unless every GraalVM jar found has polyglot's version.
     *
     * @throws EngineNotAvailableException naming each jar whose version differs, and the usual cause
     */
    static void requireOneVersion() {
        Found.MISMATCH.ifPresent(message -> {
            throw new EngineNotAvailableException(message);
        });
    }

    /**
     * What is wrong with these versions, if anything.
     *
     * @param versions each jar's version by its Maven coordinates, {@code org.graalvm.polyglot:polyglot} first;
     *     jars whose version is unknown are left out
     * @return the message naming polyglot's version and each jar of another version; empty if all agree or
     *     polyglot's version is unknown
     */
    static Optional<String> mismatch(Map<String, String> versions) {
        String polyglot = versions.get(POLYGLOT);
        if (polyglot == null) {
            return Optional.empty();
        }
        StringBuilder others = new StringBuilder();
        versions.forEach((jar, version) -> {
            if (!version.equals(polyglot)) {
                others.append(others.isEmpty() ? "" : ", ")
                        .append(jar)
                        .append(' ')
                        .append(version);
            }
        });
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("GraalJS cannot start: its GraalVM jars must all have one version, but "
                + "org.graalvm.polyglot:polyglot is " + polyglot + " and " + others
                + ". Another BOM or dependency manages these versions (Helidon's BOM pins org.graalvm.sdk:nativeimage"
                + " to 23.1.0): import dev.jsctx:jsctx-bom before it, or see"
                + " `mvn dependency:tree -Dincludes=org.graalvm.*`.");
    }

    /** The version of each GraalVM jar this class loader sees, where it can tell. */
    static Map<String, String> onClassPath() {
        ClassLoader loader = GraalJarVersions.class.getClassLoader();
        Map<String, String> versions = new LinkedHashMap<>();
        Path polyglotJar = jarOf(loader.getResource(CLASS_IN_JAR.get(POLYGLOT)));
        if (polyglotJar == null) {
            return versions;
        }
        CLASS_IN_JAR.forEach((coordinates, classFile) -> {
            Path jar = jarOf(loader.getResource(classFile));
            // Not there, or not in a jar of its own (a shaded jar): nothing to compare.
            if (jar != null && (coordinates.equals(POLYGLOT) || !jar.equals(polyglotJar))) {
                String version = versionOf(jar);
                if (version != null) {
                    versions.put(coordinates, version);
                }
            }
        });
        return versions;
    }

    /** The local jar file a {@code jar:file:...!/...} resource URL points into, or null. */
    private static Path jarOf(URL resource) {
        if (resource == null || !resource.getProtocol().equals("jar")) {
            return null;
        }
        String path = resource.getPath();
        int separator = path.indexOf("!/");
        if (!path.startsWith("file:") || separator < 0) {
            return null;
        }
        try {
            return Path.of(URI.create(path.substring(0, separator)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The manifest's Implementation-Version, else the version in a Maven-style file name, else null. */
    static String versionOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String version =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
            if (version != null && !version.isBlank()) {
                return version.strip();
            }
        } catch (IOException e) {
            return null;
        }
        Matcher name = VERSIONED_JAR_NAME.matcher(jar.getFileName().toString());
        return name.find() ? name.group(1) : null;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
