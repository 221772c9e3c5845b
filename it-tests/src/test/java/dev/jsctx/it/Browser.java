package dev.jsctx.it;

import dev.jsctx.liveview.test.Chromium;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium, driven through the machine's chromedriver; never downloads anything. One browser holds any
 * number of {@linkplain Window windows}; each window that opens the counter is its own session. {@link #close()}
 * quits it, which ends the Chromium processes.
 *
 * <p>Not thread-safe: one test thread drives one browser.
 */
final class Browser implements AutoCloseable {

    /** How long a page gets to show what a test waits for. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String VIEW = "[data-jsctx-view]";
    /** Records every change of the view container's status classes, in order, in {@code window.jsctxStatuses}. */
    private static final String RECORD_STATUSES = """
            const view = document.querySelector('[data-jsctx-view]');
            window.jsctxStatuses = [];
            new MutationObserver(() => window.jsctxStatuses.push(view.className))
                .observe(view, { attributes: true, attributeFilter: ['class'] });
            """;

    /**
     * Runs before any script of every page: keeps each WebSocket the page opens, and when, in
     * {@code window.jsctxSockets}, so a test can drop the live connection as a network would.
     */
    private static final String RECORD_SOCKETS = """
            const NativeWebSocket = window.WebSocket;
            window.jsctxSockets = [];
            window.WebSocket = class extends NativeWebSocket {
                constructor(...args) {
                    super(...args);
                    window.jsctxSockets.push({ socket: this, createdAt: performance.now() });
                }
            };
            """;

    /**
     * Closes the page's current WebSocket and resolves, once the view is connected again over a new one, with
     * the milliseconds from the new socket's creation to the join reply's render (the client sets the
     * connected class and renders in the same task).
     */
    private static final String DROP_CONNECTION = """
            const done = arguments[arguments.length - 1];
            const view = document.querySelector('[data-jsctx-view]');
            const sockets = window.jsctxSockets.length;
            const observer = new MutationObserver(() => {
                if (window.jsctxSockets.length > sockets && view.classList.contains('jsctx-connected')) {
                    observer.disconnect();
                    done(performance.now() - window.jsctxSockets[window.jsctxSockets.length - 1].createdAt);
                }
            });
            observer.observe(view, { attributes: true, attributeFilter: ['class'] });
            window.jsctxSockets[sockets - 1].socket.close();
            """;

    /** The page's Resource Timing entries under a path prefix: path, transfer, encoded and decoded sizes. */
    private static final String FETCHES = """
            return performance.getEntriesByType('resource')
                .map(e => [new URL(e.name).pathname, e.transferSize, e.encodedBodySize, e.decodedBodySize])
                .filter(e => e[0].startsWith(arguments[0]));
            """;

    private final ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();
    private boolean blankWindowUsed;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser, or fails (under CI) or skips the test if Chromium is not installed. */
    static Browser open() {
        ItEnvironment.requireChromium();
        ChromeOptions options = Chromium.options();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new Browser(Chromium.start(options));
    }

    /**
     * Loads {@code uri} in a new window (the browser's first, blank one for the first call) and waits until its
     * live view is connected, so its buttons reach the app.
     *
     * @return the window
     */
    Window connect(URI uri) {
        if (blankWindowUsed) {
            driver.switchTo().newWindow(WindowType.WINDOW);
        }
        blankWindowUsed = true;
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_SOCKETS));
        driver.get(uri.toString());
        Window window = new Window(driver.getWindowHandle());
        window.awaitStatus("jsctx-connected");
        driver.executeScript(RECORD_STATUSES);
        return window;
    }

    /**
     * The console errors that the pages of every window logged since the last call, and those of windows closed
     * since; warnings and lower are left out.
     */
    List<String> consoleErrors() {
        String current = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            driver.switchTo().window(handle);
            collectConsoleErrors();
        }
        driver.switchTo().window(current);
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private void collectConsoleErrors() {
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .forEach(consoleErrors::add);
    }

    /**
     * One file a page fetched, from the browser's Resource Timing: {@code transferSize} is 0 when it came from the
     * browser's cache, and {@code encodedBodySize} is below {@code decodedBodySize} when it came compressed.
     */
    record Fetch(String path, long transferSize, long encodedBodySize, long decodedBodySize) {}

    /** One browser window showing the counter; every call first brings it to the front of the driver. */
    final class Window {

        private final String handle;

        private Window(String handle) {
            this.handle = handle;
        }

        /** Clicks the element matching the CSS selector. */
        void click(String cssSelector) {
            find(cssSelector).click();
        }

        /** Replaces the text of the input field matching the CSS selector with {@code text}. */
        void type(String cssSelector, String text) {
            WebElement field = find(cssSelector);
            field.clear();
            field.sendKeys(text);
        }

        /** Waits up to {@link #WAIT} until the element matching the CSS selector shows {@code expected}. */
        void awaitText(String cssSelector, String expected) {
            awaitText(WAIT, cssSelector, expected);
        }

        /** Waits up to {@code timeout} until the element matching the CSS selector shows {@code expected}. */
        void awaitText(Duration timeout, String cssSelector, String expected) {
            waitUpTo(timeout)
                    .withMessage(() ->
                            cssSelector + " should show \"" + expected + "\", shows \"" + text(cssSelector) + "\"")
                    .until(d -> expected.equals(
                            d.findElement(By.cssSelector(cssSelector)).getText()));
        }

        /**
         * Waits up to {@link #WAIT} until the text of the element matching the CSS selector contains a match of
         * {@code pattern}.
         *
         * @return that match
         */
        Matcher awaitMatch(String cssSelector, Pattern pattern) {
            return awaitMatch(WAIT, cssSelector, pattern);
        }

        /** {@link #awaitMatch(String, Pattern)}, waiting up to {@code timeout}. */
        Matcher awaitMatch(Duration timeout, String cssSelector, Pattern pattern) {
            waitUpTo(timeout)
                    .withMessage(() ->
                            cssSelector + " should match \"" + pattern + "\", shows \"" + text(cssSelector) + "\"")
                    .until(d -> pattern.matcher(
                                    d.findElement(By.cssSelector(cssSelector)).getText())
                            .find());
            Matcher matcher = pattern.matcher(text(cssSelector));
            if (!matcher.find()) {
                throw new AssertionError(cssSelector + " stopped matching \"" + pattern + "\"");
            }
            return matcher;
        }

        /**
         * Empties the text of the element matching the CSS selector in the page only (the app does not know), so a
         * wait for its next text cannot be met by the text it showed before.
         */
        void clearText(String cssSelector) {
            focus();
            driver.executeScript("document.querySelector(arguments[0]).textContent = '';", cssSelector);
        }

        /** The value of the form field matching the CSS selector now (what the user typed, not the attribute). */
        String value(String cssSelector) {
            return find(cssSelector).getDomProperty("value");
        }

        /** The texts of every element matching the CSS selector, in document order. */
        List<String> texts(String cssSelector) {
            focus();
            return driver.findElements(By.cssSelector(cssSelector)).stream()
                    .map(WebElement::getText)
                    .toList();
        }

        /** The text the element matching the CSS selector shows now. */
        String text(String cssSelector) {
            return find(cssSelector).getText();
        }

        /**
         * Waits up to {@code timeout} until the view container has one of {@code statusClasses}, such as
         * {@code jsctx-connected}.
         */
        void awaitStatus(Duration timeout, String... statusClasses) {
            Set<String> wanted = Set.of(statusClasses);
            waitUpTo(timeout)
                    .withMessage(
                            () -> "the view should have one of the classes " + wanted + ", has \"" + status() + "\"")
                    .until(d -> wanted.stream().anyMatch(status()::contains));
        }

        void awaitStatus(String... statusClasses) {
            awaitStatus(WAIT, statusClasses);
        }

        /** The view container's classes now, e.g. {@code "jsctx-connected"}. */
        String status() {
            return find(VIEW).getDomAttribute("class");
        }

        /** Every value the view container's class attribute took since the window connected, in order. */
        List<String> statusHistory() {
            focus();
            List<?> statuses = (List<?>) driver.executeScript("return window.jsctxStatuses;");
            return statuses.stream().map(String::valueOf).toList();
        }

        /** How the page fetched each file whose path starts with {@code pathPrefix}, in the order it asked. */
        List<Fetch> fetches(String pathPrefix) {
            focus();
            List<?> entries = (List<?>) driver.executeScript(FETCHES, pathPrefix);
            return entries.stream()
                    .map(entry -> (List<?>) entry)
                    .map(entry -> new Fetch(
                            (String) entry.get(0),
                            ((Number) entry.get(1)).longValue(),
                            ((Number) entry.get(2)).longValue(),
                            ((Number) entry.get(3)).longValue()))
                    .toList();
        }

        /**
         * Closes the page's WebSocket from the page, as a dropped network does, and waits until the view is
         * connected again over a new one.
         *
         * @return milliseconds from the new socket's creation to the render of its join reply
         */
        double dropConnection() {
            focus();
            driver.manage().timeouts().scriptTimeout(WAIT);
            return ((Number) driver.executeAsyncScript(DROP_CONNECTION)).doubleValue();
        }

        /** Closes the window, as a user closes a tab; its console errors are kept for {@link #consoleErrors()}. */
        void close() {
            focus();
            collectConsoleErrors();
            driver.close();
            driver.getWindowHandles().stream()
                    .findFirst()
                    .ifPresent(other -> driver.switchTo().window(other));
        }

        private WebElement find(String cssSelector) {
            focus();
            return driver.findElement(By.cssSelector(cssSelector));
        }

        private WebDriverWait waitUpTo(Duration timeout) {
            focus();
            // Selenium polls every 500 ms by default: too coarse for the timed waits (a message within 1 s)
            WebDriverWait wait = new WebDriverWait(driver, timeout);
            wait.pollingEvery(Duration.ofMillis(20));
            // A page that reloads itself (a restart's new secret, a redirect) replaces the element between finding it
            // and reading it: each poll finds it again, so a stale one is only a reason to poll once more.
            wait.ignoring(StaleElementReferenceException.class);
            return wait;
        }

        private void focus() {
            if (!handle.equals(driver.getWindowHandle())) {
                driver.switchTo().window(handle);
            }
        }
    }
}
