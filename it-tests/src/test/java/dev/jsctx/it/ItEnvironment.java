package dev.jsctx.it;

import dev.jsctx.liveview.test.Chromium;
import dev.jsctx.liveview.test.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * What the end-to-end tests need from the machine: a Docker engine and Chromium with its driver.
 *
 * <p>Under {@code CI=true} a missing piece fails the test with a message that says how to get it; elsewhere the
 * test is skipped with that message, so a developer without Docker can still run {@code mvn verify}.
 */
final class ItEnvironment {

    /**
     * The apps' {@code liveview.redis.command-timeout} in these tests: a node's first connection took over the
     * default 2 s on the shared 2-core machine, with the other JVMs of the test starting.
     */
    static final String REDIS_COMMAND_TIMEOUT = "PT10S";

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private ItEnvironment() {}

    static void requireDocker() {
        require(
                DockerClientFactory.instance().isDockerAvailable(),
                "No Docker engine answers (start dockerd, or run .ci/run, which installs and starts it).");
    }

    static void requireChromium() {
        require(
                Chromium.installed(),
                "Chromium or chromedriver is missing at " + Chromium.BINARY + " and " + Chromium.DRIVER
                        + " (apt-get install chromium chromium-driver, or run .ci/run).");
    }

    /**
     * A program the test starts itself, such as {@code /usr/bin/redis-server}.
     *
     * @param program its path
     * @param install how to get it, e.g. "apt-get install redis-server"
     */
    static void requireProgram(Path program, String install) {
        require(Files.isExecutable(program), program + " is missing (" + install + ", or run .ci/run).");
    }

    /**
     * Starts a Redis server of the test's own in {@code dir}, once {@link #requireProgram} found its binary.
     *
     * @param dir the server's directory; its log is {@code redis.log} there
     * @return the running server
     */
    static RedisServer startRedis(Path dir) {
        requireProgram(RedisServer.BINARY, "apt-get install redis-server");
        return RedisServer.start(dir);
    }

    private static void require(boolean present, String message) {
        if (CI) {
            Assertions.assertTrue(present, message + " CI=true: end-to-end tests must run.");
        } else {
            Assumptions.assumeTrue(present, message + " Skipped because CI is not true.");
        }
    }
}
