package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.test.Chromium;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The browser client in Chromium: forms, hooks and pushed events, client commands, keyed lists, DOM patching. */
@ServerTest
class BrowserClientIT {

    /** How long a page gets to show what a test waits for. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ChromeDriver browser;

    private final String base;

    BrowserClientIT(WebServer server) {
        this.base = "http://localhost:" + server.port();
    }

    @SetUpServer
    static void setUp(WebServerConfig.Builder server) {
        server.addFeature(LiveViewFeature.builder()
                .config(LiveViewConfig.builder().build())
                .layout(PageLayout.standard("Browser features", "<script src=\"/hooks.js\"></script>"))
                .view("/", BrowserFeaturesView::new)
                .build());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.get("/hooks.js", (request, response) -> {
            response.header(HeaderNames.CONTENT_TYPE, "text/javascript");
            response.send(BrowserFeaturesView.HOOKS_SCRIPT);
        });
    }

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openPage() {
        browser.get(base + "/");
        awaitTrue(
                "the view connects",
                () -> find("[data-jsctx-view]").getDomAttribute("class").contains("jsctx-connected"));
    }

    @Test
    void theAmountFieldKeepsWhatTheUserTypedAfterTheError() {
        type("#amount", "  abc");
        find("#add-button").click();
        awaitText("#error", "Amount must be a whole number");
        assertEquals("  abc", value("#amount"));
    }

    @Test
    void aSubmitInFlightDisablesItsButtonWithTheText() {
        js("""
                window.seen = [];
                const button = document.getElementById('add-button');
                new MutationObserver(() => seen.push(button.disabled + ':' + button.textContent))
                    .observe(button, { attributes: true, childList: true, characterData: true, subtree: true });
                """);
        type("#amount", "5");
        find("#add-button").click();
        awaitText("#count", "5");
        List<?> seen = (List<?>) js("return window.seen;");
        assertTrue(seen.contains("true:Adding..."), "states seen: " + seen);
        assertEquals("add", find("#add-button").getText());
        assertTrue(find("#add-button").isEnabled());
    }

    @Test
    void typingInADebouncedFormSendsOneChangeWithEveryField() {
        find("#tag-a").click();
        find("#tag-b").click();
        // chromedriver's clicks on the options of a multiple select send no input event: choose as a script would
        js("""
                const colors = document.getElementById('colors');
                for (const option of colors.options) { option.selected = true; }
                colors.dispatchEvent(new Event('input', { bubbles: true }));
                """);
        awaitTrue(
                () -> "the checkboxes and the select should be sent: " + text("#echo"),
                () -> text("#echo").contains("\"colors\":[\"red\",\"blue\"]"));
        String before = text("#changes");
        find("#name").sendKeys("Alice");
        awaitTrue("the typed name arrives", () -> text("#echo").contains("\"name\":\"Alice\""));
        assertEquals(Integer.parseInt(before) + 1, Integer.parseInt(text("#changes")), "one change for five keys");
        assertTrue(text("#echo").contains("\"tags\":[\"a\",\"b\"]"), text("#echo"));
        assertTrue(text("#echo").contains("\"_target\":\"name\""), text("#echo"));
    }

    @Test
    void aThrottledFieldSendsAtOnceThenTheLastValue() {
        find("#throttled").sendKeys("abcdef");
        awaitText("#throttled-echo", "abcdef");
        assertEquals("2", text("#throttled-changes"), "the first key at once, the rest once the second is over");
    }

    @Test
    void focusSelectionTypedTextAndScrollSurviveRenders() {
        js("document.getElementById('scroller').scrollTop = 40;");
        WebElement live = find("#live");
        live.sendKeys("hello world");
        awaitText("#live-echo", "hello world");
        assertEquals("live", js("return document.activeElement.id;"));
        assertEquals("hello world", value("#live"));
        js("const f = document.getElementById('live'); f.setSelectionRange(0, 5);"
                + " f.dispatchEvent(new Event('input', { bubbles: true }));");
        live.sendKeys("!");
        awaitText("#live-echo", "! world");
        assertEquals("live", js("return document.activeElement.id;"));
        assertEquals(1L, js("return document.getElementById('live').selectionStart;"));
        assertEquals(40L, ((Number) js("return document.getElementById('scroller').scrollTop;")).longValue());
        assertTrue(text("#scroller").contains("line 0: ! world"), "the box was re-rendered: " + text("#scroller"));
    }

    @Test
    void aFormWithAnIdIsRecoveredAfterTheServerDroppedTheView() {
        find("#name").sendKeys("Bob");
        awaitTrue("the name arrives", () -> text("#echo").contains("\"name\":\"Bob\""));
        find("#crash").click(); // the view fails and ends; the client rejoins a freshly mounted one
        awaitTrue(
                "the client rejoins and sends the form again",
                () -> text("#changes").equals("1")
                        && text("#echo").contains("\"name\":\"Bob\"")
                        && find("[data-jsctx-view]").getDomAttribute("class").contains("jsctx-connected"));
        assertEquals("Bob", value("#name"));
        assertEquals("0", text("#count"), "a new view");
        assertTrue(hookLog().containsAll(List.of("disconnected", "reconnected")), "hooks were told: " + hookLog());
    }

    @Test
    void aHookIsMountedPushesEventsAndReceivesThoseTheServerPushes() {
        awaitText("#hook-message", "hello from hook");
        find("#inc").click();
        awaitText("#count", "1");
        find("#ping").click();
        awaitTrue("the pushed event reaches the hook", () -> hookLog().contains("pong:1"));
        find("#toggle-hook").click();
        awaitTrue("the hook is destroyed", () -> hookLog().contains("destroyed"));
        assertEquals(List.of("mounted", "updated", "pong:1", "destroyed"), hookLog(), "updated once: by the count");
    }

    @Test
    void clientCommandsRunWithoutARoundTripAndStayThroughRenders() {
        find("#menu-button").click();
        assertTrue(hasClass("#menu", "open"), "toggled in the click itself");
        awaitText("#count", "1"); // the chained push
        find("#inc").click();
        awaitText("#count", "2");
        assertTrue(hasClass("#menu", "open"), "a render keeps what a command changed");
        find("#menu-button").click();
        awaitText("#count", "3");
        assertTrue(!hasClass("#menu", "open"), find("#menu").getDomAttribute("class"));
    }

    @Test
    void hideAndDispatchRunInTheBrowserAndUnknownCommandsRunNothing() {
        js("document.getElementById('menu').addEventListener('menu:poked', () => { window.poked = true; });");
        find("#tip-button").click();
        assertTrue(!find("#tip").isDisplayed(), "hidden");
        assertEquals(Boolean.TRUE, js("return window.poked === true;"));
        find("#inc").click();
        awaitText("#count", "1");
        assertTrue(!find("#tip").isDisplayed(), "still hidden after a render");
        find("#bad-commands").click();
        assertEquals(Boolean.TRUE, js("return window.pwned === undefined;"));
        assertTrue(!find("#tip").isDisplayed(), "the list stops at the unknown command");
    }

    @Test
    void anIgnoredSubtreeKeepsWhatThePagePutThere() {
        js("document.getElementById('ignored').textContent = 'mine';");
        find("#inc").click();
        awaitText("#count", "1");
        assertEquals("mine", text("#ignored"));
    }

    @Test
    void keyedItemsMoveWithTheirElementsAndWhatWasTypedInThem() {
        js("document.getElementById('item-1').marked = true;");
        find("input[name=note-1]").sendKeys("first");
        find("#rotate").click();
        awaitTrue("item 1 moved last", () -> text("#list").endsWith("item 1"));
        assertEquals(
                Boolean.TRUE,
                js("return document.getElementById('item-1').marked === true"
                        + " && document.querySelector('#list').lastElementChild.id === 'item-1';"));
        assertEquals("first", value("input[name=note-1]"));
    }

    private List<?> hookLog() {
        return (List<?>) js("return window.hookLog;");
    }

    private static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static String text(String css) {
        return find(css).getText();
    }

    private static String value(String css) {
        return find(css).getDomProperty("value");
    }

    private static boolean hasClass(String css, String name) {
        return List.of(find(css).getDomAttribute("class").split(" ")).contains(name);
    }

    private static void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    private static Object js(String script) {
        return browser.executeScript(script);
    }

    private static void awaitText(String css, String expected) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> css + " should show \"" + expected + "\", shows \"" + text(css) + "\"")
                .until(d -> expected.equals(text(css)));
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        awaitTrue(() -> what, condition);
    }

    private static void awaitTrue(Supplier<String> what, Supplier<Boolean> condition) {
        new WebDriverWait(browser, WAIT).withMessage(what).until(d -> condition.get());
    }
}
