package dev.jsctx.playground;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.test.Chromium;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground on a random loopback port in this JVM, and a headless Chromium whose windows are its tabs. Fails
 * when Chromium is missing (never skips): the ITs are the proof of the playground's isolation.
 */
final class PlaygroundBrowser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How often a wait looks again: WebDriverWait's default, 500 ms, would make every run take half a second. */
    private static final Duration POLL = Duration.ofMillis(10);

    /**
     * Times each run in the page itself, so that WebDriver's round trips are not counted: {@code submitted} when the
     * run form is submitted (capture phase: before the live view sends the event), {@code shown} when, after that,
     * {@code #result} or {@code #error} first gets text (a MutationObserver: when the patch is in the DOM).
     */
    private static final String RUN_TIMING = """
            const timing = window.jsctxRunTiming = { submitted: null, shown: null };
            const shown = () => (document.getElementById('result').textContent
                    + document.getElementById('error').textContent) !== '';
            document.addEventListener('submit', () => {
              timing.submitted = performance.now();
              timing.shown = null;
            }, true);
            new MutationObserver(() => {
              if (timing.submitted !== null && timing.shown === null && shown()) {
                timing.shown = performance.now();
              }
            }).observe(document.body, { childList: true, characterData: true, subtree: true });""";

    /**
     * Runs the code again and again in the page, as a user pressing Run whenever the last run ended: every 10 ms it
     * looks whether the run ended (not running, a result or an error shown) and if so submits the form again. Counts
     * the runs and the ones that ended with the tab's context closed.
     */
    private static final String RUN_AGAIN_AND_AGAIN = """
            const code = arguments[0];
            const text = (id) => document.getElementById(id).textContent;
            const loop = window.jsctxRunLoop = { runs: 0, closed: 0 };
            const submit = () => {
              document.getElementById('result').textContent = '';
              document.getElementById('error').textContent = '';
              document.getElementById('code').value = code;
              loop.runs++;
              document.getElementById('run-form').requestSubmit();
            };
            setInterval(() => {
              if (text('status') !== 'running…' && (text('result') + text('error')) !== '') {
                if (text('error').includes('context was closed')) {
                  loop.closed++;
                }
                submit();
              }
            }, 10);
            submit();""";

    private final PlaygroundApp app;
    private final WebServer server;
    private final ChromeDriver driver;
    private boolean blankWindowUsed;

    private PlaygroundBrowser(PlaygroundApp app, WebServer server, ChromeDriver driver) {
        this.app = app;
        this.server = server;
        this.driver = driver;
    }

    /** Starts the app (its application.yaml, on port 0, with {@code overrides}) and Chromium. */
    static PlaygroundBrowser start(Map<String, String> overrides) {
        assertTrue(
                Chromium.installed(), "Chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
        PlaygroundApp app = PlaygroundApp.start(config);
        WebServerConfig.Builder builder = WebServer.builder();
        app.setup(builder);
        WebServer server = builder.shutdownHook(false).build().start();
        // each tab runs while others are in front: background windows must not be throttled
        ChromeOptions options = Chromium.options()
                .addArguments("--disable-background-timer-throttling", "--disable-renderer-backgrounding");
        return new PlaygroundBrowser(app, server, Chromium.start(options));
    }

    PlaygroundApp app() {
        return app;
    }

    /** Opens a new tab of the playground and waits until its live view is connected. */
    Tab tab() {
        if (blankWindowUsed) {
            driver.switchTo().newWindow(WindowType.WINDOW);
        }
        blankWindowUsed = true;
        driver.get("http://127.0.0.1:" + server.port() + "/");
        Tab tab = new Tab(driver.getWindowHandle());
        waiting()
                .until(d -> d.findElement(By.cssSelector("[data-jsctx-view]"))
                        .getDomAttribute("class")
                        .contains("jsctx-connected"));
        driver.executeScript(RUN_TIMING);
        return tab;
    }

    /** Closes every tab but one blank window, so their sockets and contexts end (a client has at most 8). */
    void closeTabs() {
        driver.switchTo().newWindow(WindowType.WINDOW);
        String blank = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(blank)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(blank);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            server.stop();
            app.close();
        }
    }

    /** Waits until {@code condition} holds, looking every 10 ms, at most 15 s. */
    void await(BooleanSupplier condition) {
        waiting().until(d -> condition.getAsBoolean());
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT, POLL);
    }

    /**
     * What a run showed: the tab's result, error and output once the run ended, and how long after the form's submit
     * the result or error appeared, as the page measured it ({@code performance.now()}).
     */
    record Shown(String result, String error, String output, double millis) {}

    /** A tab that runs its code again whenever its last run ended ({@link Tab#runAgainAndAgain}). */
    record Loop(long runs, long closed) {}

    /** One window; every call first brings it to the front of the driver. */
    final class Tab {
        private final String handle;

        private Tab(String handle) {
            this.handle = handle;
        }

        /**
         * Puts {@code code} into the textarea (as pasted: the field's maxlength does not apply), submits the form and
         * waits until the run ended: the status line no longer says it runs and a result or error is shown.
         */
        Shown run(String code) {
            focus();
            driver.executeScript("""
                    document.getElementById('code').value = arguments[0];
                    document.getElementById('result').textContent = '';
                    document.getElementById('error').textContent = '';""", code);
            driver.findElement(By.id("run")).click();
            waiting()
                    .until(d -> Boolean.TRUE.equals(driver.executeScript("return window.jsctxRunTiming.shown !== null"
                            + " && document.getElementById('status').textContent !== 'running…'")));
            double millis = ((Number) driver.executeScript(
                            "return window.jsctxRunTiming.shown - window.jsctxRunTiming.submitted"))
                    .doubleValue();
            return new Shown(text("result"), text("error"), text("output"), millis);
        }

        /** Runs {@code code} now and again whenever its run ended, in the page, until the tab is closed. */
        void runAgainAndAgain(String code) {
            focus();
            driver.executeScript(RUN_AGAIN_AND_AGAIN, code);
        }

        /** @return how often {@link #runAgainAndAgain} ran so far */
        Loop loop() {
            focus();
            @SuppressWarnings("unchecked")
            Map<String, Number> loop = (Map<String, Number>) driver.executeScript("return window.jsctxRunLoop");
            return new Loop(loop.get("runs").longValue(), loop.get("closed").longValue());
        }

        void reset() {
            focus();
            driver.executeScript("document.getElementById('status').textContent = '';");
            driver.findElement(By.id("reset")).click();
            waiting().until(d -> text("status").equals("Fresh context."));
        }

        /** Waits until the tab's output contains {@code expected}, and returns the output. */
        String awaitOutput(String expected) {
            focus();
            waiting().until(d -> text("output").contains(expected));
            return text("output");
        }

        String text(String id) {
            focus();
            return driver.findElement(By.id(id)).getText();
        }

        private void focus() {
            if (!driver.getWindowHandle().equals(handle)) {
                driver.switchTo().window(handle);
            }
        }
    }
}
