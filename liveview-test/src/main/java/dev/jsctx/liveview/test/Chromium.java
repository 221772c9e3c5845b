package dev.jsctx.liveview.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's headless Chromium for tests in a real browser (Selenium): Debian's {@link #BINARY} driven by its
 * {@link #DRIVER}, both named explicitly so that Selenium Manager never looks for or downloads a browser or a
 * driver, with the flags that keep it headless and offline (no sandbox, so it runs as root and in containers;
 * only {@code localhost} and {@code 127.0.0.1} resolve, so it reaches nothing but the test's servers).
 *
 * {@snippet :
 * ChromeDriver driver = Chromium.start();
 * try {
 *     driver.get("http://127.0.0.1:" + server.port() + "/");
 *     // ...
 * } finally {
 *     driver.quit();
 * }
 * }
 *
 * <p>Needs {@code org.seleniumhq.selenium:selenium-java} in the test's dependencies (this module declares it
 * optional; jsctx's own tests use 4.52.0). A missing Chromium fails the start, with how to install it; it is never a reason to skip. Chromium
 * leaves a folder per session in {@code java.io.tmpdir}: point {@code TMPDIR} into {@code target/} in the
 * failsafe configuration. Thread-safe: each call starts a browser of its own.
 */
public final class Chromium {

    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** Where Debian's {@code chromium-driver} package puts chromedriver. */
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** @return whether both {@link #BINARY} and {@link #DRIVER} are installed */
    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /**
     * New options with {@link #BINARY} and the flags every test needs, for a test to add its own to (such as a
     * logging preference, or flags against throttling background windows) before {@link #start(ChromeOptions)}.
     *
     * @return the options; each call makes new ones
     */
    public static ChromeOptions options() {
        return new ChromeOptions()
                .setBinary(BINARY.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        // Chromium resolves Google hosts even with the flags above; only loopback may resolve.
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
    }

    /**
     * Starts a browser with {@link #options()}.
     *
     * @return the driver; {@link ChromeDriver#quit()} ends the browser
     * @throws IllegalStateException if Chromium or chromedriver is missing
     */
    public static ChromeDriver start() {
        return start(options());
    }

    /**
     * Starts a browser with options made by {@link #options()}, through {@link #DRIVER} on a free port.
     *
     * @param options the options, from {@link #options()} plus the test's own
     * @return the driver; {@link ChromeDriver#quit()} ends the browser
     * @throws IllegalStateException if Chromium or chromedriver is missing
     */
    public static ChromeDriver start(ChromeOptions options) {
        if (!installed()) {
            throw new IllegalStateException("Chromium or chromedriver is missing at " + BINARY + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        try {
            // a build may point java.io.tmpdir (and TMPDIR) at a folder under target/ that nothing has made yet
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
