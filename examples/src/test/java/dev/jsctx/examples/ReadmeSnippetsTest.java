package dev.jsctx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the code samples of the READMEs equal to code that compiles and is tested. A fenced block that follows
 * {@code <!-- snippet: PATH#TAG -->} must equal the lines between {@code tag::TAG[]} and {@code end::TAG[]} in the
 * file at PATH (from the project root), with their common indentation removed; several regions of one tag are
 * joined, so a test can keep its assertions out of the sample. Every Java and JavaScript block needs a marker.
 * README's container steps are checked against what the it-tests image is built from.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> READMES = List.of("README.md", "liveview/README.md", "pool-api/README.md");
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- snippet: (?<path>[^#\\s]+)#(?<tag>[\\w-]+) -->\\n)?```(?<lang>\\w*)\\n(?<code>.*?)^```$",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final List<String> CHECKED_LANGUAGES = List.of("java", "js");

    record Block(String readme, String path, String tag, String language, String code) {
        @Override
        public String toString() {
            return readme
                    + (path == null ? " (" + language + " block without a snippet marker)" : ": " + path + "#" + tag);
        }
    }

    static Stream<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (String readme : READMES) {
            Matcher block = BLOCK.matcher(Files.readString(ROOT.resolve(readme)));
            while (block.find()) {
                blocks.add(new Block(
                        readme, block.group("path"), block.group("tag"), block.group("lang"), block.group("code")));
            }
        }
        return blocks.stream().filter(b -> b.path() != null || CHECKED_LANGUAGES.contains(b.language()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    @DisplayName("each sample in a README is a tagged region of a source file the build compiles and tests")
    void sampleEqualsSource(Block block) throws IOException {
        assertTrue(block.path() != null, "add <!-- snippet: PATH#TAG --> before the block, with the sample in PATH");
        assertEquals(
                region(ROOT.resolve(block.path()), block.tag()),
                block.code(),
                block + ": the README's block and its source differ; change them together");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    @DisplayName("each README has samples that this test finds")
    void readmeHasSamples(String readme) throws IOException {
        assertFalse(blocks().filter(b -> b.readme().equals(readme)).toList().isEmpty(), readme);
    }

    static List<String> readmes() {
        return READMES;
    }

    @Test
    @DisplayName(
            "README's container steps jlink the modules and use the Dockerfile that the it-tests image is built from")
    void containerStepsMatchTheTestedImage() throws IOException {
        Matcher modules = Pattern.compile("<jsctx.it.jlinkModules>([^<]+)</jsctx.it.jlinkModules>")
                .matcher(Files.readString(ROOT.resolve("it-tests/pom.xml")));
        assertTrue(modules.find(), "it-tests/pom.xml has no jsctx.it.jlinkModules");
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains("jlink --add-modules " + modules.group(1) + " "), "README's jlink line");
        assertTrue(readme.contains("-f it-tests/src/test/docker/Dockerfile "), "README's docker build line");
        assertTrue(Files.isRegularFile(ROOT.resolve("it-tests/src/test/docker/Dockerfile")));
    }

    /** The lines of every tag::TAG[] ... end::TAG[] region, joined, without their common indentation. */
    static String region(Path file, String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(file)) {
            if (line.contains("end::" + tag + "[]")) {
                inside = false;
            } else if (line.contains("tag::" + tag + "[]")) {
                inside = true;
            } else if (inside) {
                lines.add(line);
            }
        }
        assertFalse(lines.isEmpty(), "no region tag::" + tag + "[] in " + file);
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            code.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return code.toString();
    }
}
