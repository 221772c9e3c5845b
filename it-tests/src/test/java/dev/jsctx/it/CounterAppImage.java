package dev.jsctx.it;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The counter-app's container image, built once per test JVM from the packaged app (see the it-tests pom for the
 * system properties that locate it) and removed when the JVM exits. Testcontainers' own delete-on-exit only prunes
 * dangling images once Ryuk is off, so the removal is done here.
 */
final class CounterAppImage {

    /** The app's port inside the container. */
    static final int PORT = 4000;

    private static final System.Logger LOGGER = System.getLogger(CounterAppImage.class.getName());
    /** One name per test JVM, so two builds on one Docker engine never remove each other's image. */
    private static final String NAME =
            "jsctx-counter-app:it-" + ProcessHandle.current().pid();

    private static final List<String> APP_DIRS = List.of("bin", "lib", "modules", "jvmci");

    private static final ImageFromDockerfile IMAGE = build();

    private CounterAppImage() {}

    /** The image, built on first use; later calls return the same image. */
    static ImageFromDockerfile get() {
        return IMAGE;
    }

    private static ImageFromDockerfile build() {
        Path appDir = directory("jsctx.it.appDir");
        ImageFromDockerfile image = new ImageFromDockerfile(NAME, false)
                .withFileFromPath("Dockerfile", Path.of(property("jsctx.it.dockerfile")))
                .withFileFromPath("runtime", directory("jsctx.it.runtimeDir"))
                .withBuildArg("BASE_IMAGE", property("jsctx.it.baseImage"));
        for (String dir : APP_DIRS) {
            image.withFileFromPath("app/" + dir, appDir.resolve(dir));
        }
        Path jar = appJar(appDir);
        Runtime.getRuntime().addShutdownHook(new Thread(CounterAppImage::remove, "remove " + NAME));
        return image.withFileFromPath("app/" + jar.getFileName(), jar);
    }

    private static void remove() {
        try {
            DockerClientFactory.instance()
                    .client()
                    .removeImageCmd(NAME)
                    .withForce(true)
                    .exec();
        } catch (NotFoundException notBuilt) {
            // No test got as far as building it.
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Could not remove image " + NAME, e);
        }
    }

    private static Path appJar(Path appDir) {
        try (Stream<Path> files = Files.list(appDir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches("jsctx-counter-app-.*\\.jar"))
                    .toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("Expected one counter-app jar in " + appDir + ", found " + jars
                        + ": run `mvn package` (or verify) from the project root.");
            }
            return jars.getFirst();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + appDir, e);
        }
    }

    private static Path directory(String property) {
        Path dir = Path.of(property(property));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(property + "=" + dir + " is not a directory: run the build from the "
                    + "project root with `mvn verify`, which packages counter-app and jlinks the runtime first.");
        }
        return dir;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run through Maven failsafe "
                    + "(mvn verify), which sets it.");
        }
        return value;
    }
}
