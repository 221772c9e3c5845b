package dev.jsctx.liveview;

import dev.jsctx.liveview.test.Chromium;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One tab of the machine's headless {@link Chromium}, for the client's end-to-end tests against a server in this
 * JVM: loads pages, clicks, and waits for what they show. Not thread-safe: one test thread drives it.
 */
final class BrowserTab implements AutoCloseable {

    /** How long a page gets to show what a test waits for. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;

    private BrowserTab(ChromeDriver driver) {
        this.driver = driver;
    }

    static BrowserTab open() {
        return new BrowserTab(Chromium.start());
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
