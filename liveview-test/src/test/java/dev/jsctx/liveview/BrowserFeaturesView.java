package dev.jsctx.liveview;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A view with one of each browser-client feature, for {@link BrowserClientIT}: the counter's add form, a
 * debounced form with multi-value fields, a throttled and an undelayed field, a client-command button, an
 * ignored subtree, a hook, a keyed list and a scrolling box.
 */
final class BrowserFeaturesView implements LiveView {

    static final String HOOKS_SCRIPT = """
            window.hookLog = [];
            window.jsctxHooks = {
              Echo: {
                mounted() {
                  hookLog.push("mounted");
                  this.handleEvent("pong", (payload) => hookLog.push("pong:" + payload.n));
                  this.pushEvent("hello", { from: "hook" });
                },
                updated() { hookLog.push("updated"); },
                destroyed() { hookLog.push("destroyed"); },
                disconnected() { hookLog.push("disconnected"); },
                reconnected() { hookLog.push("reconnected"); },
              },
            };
            """;

    private static final Template PAGE = Template.of("""
            <p id="count">{}</p>
            <button id="inc" data-jsctx-click="inc">+</button>
            <form id="add" data-jsctx-submit="add"><input id="amount" name="amount" value="1">\
            <button id="add-button" data-jsctx-disable-with="Adding...">add</button></form>
            <p id="error">{}</p>
            <form id="profile" data-jsctx-change="profile" data-jsctx-debounce="300">
            <input id="name" name="name" value="{}">
            <input type="checkbox" id="tag-a" name="tags" value="a"><input type="checkbox" id="tag-b" name="tags" value="b">
            <select id="colors" name="colors" multiple><option value="red">red</option><option value="blue">blue</option></select>
            </form>
            <p id="changes">{}</p><p id="echo">{}</p>
            <input id="throttled" name="throttled" data-jsctx-change="throttled" data-jsctx-throttle="1000">
            <p id="throttled-changes">{}</p><p id="throttled-echo">{}</p>
            <input id="live" name="live" data-jsctx-change="live" value="{}"><p id="live-echo">{}</p>
            <div id="scroller" style="height: 60px; overflow: auto">{}</div>
            <button id="menu-button" data-jsctx-click="{}">menu</button><nav id="menu" class="menu">menu</nav>
            <button id="tip-button" data-jsctx-click="{}">tip</button><p id="tip">tip</p>
            <button id="bad-commands" data-jsctx-click="[[&quot;eval&quot;,{&quot;code&quot;:&quot;window.pwned = 1&quot;}],            [&quot;show&quot;,{&quot;to&quot;:&quot;#tip&quot;}]]">bad</button>
            <div id="ignored" data-jsctx-ignore>{}</div>
            {}
            <p id="hook-message">{}</p>
            <button id="ping" data-jsctx-click="ping">ping</button>
            <button id="toggle-hook" data-jsctx-click="toggle-hook">hook</button>
            <ul id="list">{}</ul>
            <button id="rotate" data-jsctx-click="rotate">rotate</button>
            <button id="crash" data-jsctx-click="crash">crash</button>
            """);
    private static final Template HOOKED = Template.of("<div id=\"hooked\" data-jsctx-hook=\"Echo\">{}</div>");
    private static final Template ITEM = Template.of("<li id=\"item-{}\">item {} <input name=\"note-{}\"></li>");
    private static final Template LINE = Template.of("<div>line {}: {}</div>");
    private static final JsCommands MENU =
            JsCommands.create().toggleClass("#menu", "open").push("inc");
    private static final JsCommands TIP = JsCommands.create().hide("#tip").dispatch("#menu", "menu:poked");

    private LiveSession session;
    private long count;
    private String error = "";
    private String name = "";
    private int changes;
    private String echo = "";
    private int throttledChanges;
    private String throttledEcho = "";
    private String live = "";
    private boolean hookShown = true;
    private String hookMessage = "";
    private final List<Integer> items = new ArrayList<>(List.of(1, 2, 3, 4, 5));

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        this.session = session;
    }

    @Override
    public void handleEvent(String event, JsonObject payload) throws Exception {
        switch (event) {
            case "inc" -> count++;
            case "add" -> {
                Thread.sleep(400); // a slow submit, so the page shows it in flight
                add(payload.getString("amount", ""));
            }
            case "profile" -> {
                changes++;
                name = payload.getString("name", "");
                echo = payload.toString();
            }
            case "throttled" -> {
                throttledChanges++;
                throttledEcho = payload.getString("throttled", "");
            }
            case "live" -> live = payload.getString("live", "");
            case "hello" -> hookMessage = "hello from " + payload.getString("from", "?");
            case "ping" ->
                session.pushEvent(
                        "pong",
                        RenderedJson.JSON
                                .createObjectBuilder()
                                .add("n", Long.toString(count))
                                .build());
            case "toggle-hook" -> hookShown = !hookShown;
            case "rotate" -> items.add(items.removeFirst());
            case "crash" -> throw new IllegalStateException("crashed on purpose: the client rejoins a new view");
            default -> LiveView.super.handleEvent(event, payload);
        }
    }

    private void add(String amount) {
        error = "";
        try {
            count = Math.addExact(count, Long.parseLong(amount.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            error = "Amount must be a whole number";
        }
    }

    @Override
    public Rendered render() {
        return PAGE.with(
                count,
                error,
                name,
                changes,
                echo,
                throttledChanges,
                throttledEcho,
                live,
                live,
                Html.each(IntStream.range(0, 20).boxed().toList(), i -> LINE.with(i, live)),
                MENU,
                TIP,
                count,
                hookShown ? HOOKED.with(count) : null,
                hookMessage,
                Html.each(items, item -> item, item -> ITEM.with(item, item, item)));
    }
}
