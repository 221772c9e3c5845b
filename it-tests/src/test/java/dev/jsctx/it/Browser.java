package dev.jsctx.it;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium, driven through the machine's chromedriver; never downloads anything. One browser holds any
 * number of windows; each window that opens the counter is its own session. {@link #close()} quits it.
 *
 * <p>Not thread-safe: one test thread drives one browser.
 */
final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser, or fails (under CI) or skips the test if Chromium is not installed. */
    static Browser open() {
        ItEnvironment.requireChromium();
        ChromeOptions options = new ChromeOptions()
                .setBinary(ItEnvironment.CHROMIUM.toFile())
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
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ItEnvironment.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** Loads {@code uri} in the current window. */
    Browser load(URI uri) {
        driver.get(uri.toString());
        return this;
    }

    /** Waits up to 10 s until the element matching the CSS selector shows {@code expected}. */
    void awaitText(String cssSelector, String expected) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> cssSelector + " should show " + expected)
                .until(d -> expected.equals(d.findElement(By.cssSelector(cssSelector)).getText()));
    }

    /** Console errors logged by the pages since the last call (the browser hands each entry out once). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
