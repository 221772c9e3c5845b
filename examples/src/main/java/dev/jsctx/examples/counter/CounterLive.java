package dev.jsctx.examples.counter;

import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import jakarta.json.JsonObject;
import java.util.Map;

/** liveview/README.md's sample view: a counter in a Java field, no JavaScript engine. */
// tag::counter-live[]
public final class CounterLive implements LiveView {
    private static final Template PAGE = Template.of("""
            <p id="count">{}</p>
            <button id="inc" data-jsctx-click="inc">+</button>
            <button id="dec" data-jsctx-click="dec">-</button>
            <button id="reset" data-jsctx-click="reset">reset</button>
            <form id="add" data-jsctx-submit="add"><input name="amount" value="1"><button>add</button></form>
            <p id="error">{}</p>
            """);
    private long count;
    private String error = "";

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        // resources: session.own(pool.open(spec)) is closed when the view ends
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        error = "";
        switch (name) {
            case "inc" -> count++;
            case "dec" -> count--;
            case "reset" -> count = 0;
            case "add" -> add(payload.getString("amount", ""));
            default -> LiveView.super.handleEvent(name, payload); // error reply "unknown event"
        }
    }

    private void add(String amount) {
        try {
            count = Math.addExact(count, Long.parseLong(amount.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            error = "Amount must be a whole number"; // the payload comes from the browser: explain, don't crash
        }
    }

    @Override
    public Rendered render() {
        return PAGE.with(count, error);
    }
}
// end::counter-live[]
