package dev.jsctx.liveview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium tab on the machine's chromedriver (never downloads anything), for the client's
 * end-to-end tests against a server in this JVM. Missing Chromium fails the test under {@code CI=true} and skips
 * it elsewhere. Not thread-safe: one test thread drives it.
 */
final class Chromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a page gets to show what a test waits for. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static Chromium open() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium or chromedriver is missing at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(present, missing + " CI=true: browser tests must run.");
        } else {
            Assumptions.assumeTrue(present, missing + " Skipped because CI is not true.");
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
                        // only loopback may resolve
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Chromium(new ChromeDriver(service, options));
    }

    /** Loads the page and waits until its view is connected. */
    void open(String url) {
        driver.get(url);
        await(
                "the view connected",
                () -> driver.findElement(By.cssSelector("[data-jsctx-view]"))
                        .getDomAttribute("class")
                        .contains("jsctx-connected"));
    }

    void click(String cssSelector) {
        driver.findElement(By.cssSelector(cssSelector)).click();
    }

    void back() {
        driver.navigate().back();
    }

    void forward() {
        driver.navigate().forward();
    }

    /** Waits until the element shows the text. */
    void awaitText(String cssSelector, String expected) {
        await(
                cssSelector + " showing \"" + expected + "\"",
                () -> expected.equals(
                        driver.findElement(By.cssSelector(cssSelector)).getText()));
    }

    /** Waits until the address bar shows the path and query. */
    void awaitUri(String pathAndQuery) {
        await("the address " + pathAndQuery, () -> pathAndQuery.equals(uri()));
    }

    String uri() {
        return (String) driver.executeScript("return location.pathname + location.search;");
    }

    String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    private void await(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waited for " + what + "; the page shows: "
                        + driver.findElement(By.tagName("body")).getText())
                .until(d -> condition.get());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
