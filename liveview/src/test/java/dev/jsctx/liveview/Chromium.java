package dev.jsctx.liveview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's headless Chromium for the browser client's tests, the way it-tests' {@code Browser} starts it:
 * the installed chromedriver, no downloads, only loopback names resolve. Under {@code CI=true} a missing
 * Chromium fails the test; elsewhere it is skipped.
 */
final class Chromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a page gets to show what a test waits for. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private Chromium() {}

    static ChromeDriver start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium or chromedriver is missing at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(present, missing + " CI=true: browser tests must run.");
        } else {
            Assumptions.assumeTrue(present, missing + " Skipped because CI is not true.");
        }
        try {
            // the failsafe configuration points TMPDIR here: Chromium leaves a folder per session in it
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waitFor(ChromeDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }
}
