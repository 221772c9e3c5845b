package dev.jsctx.examples.todo;

import dev.jsctx.liveview.Html;
import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.Script;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * One tab's to-do list, README's "Write your own live view" sample: the list and its rules live in {@code todo.js},
 * in the tab's own JS context; the view renders what the context returns and shows why it refused an item.
 */
// tag::todo-live[]
final class TodoLive implements LiveView {
    private static final Template PAGE = Template.of("""
            <ul id="items">{}</ul>
            <form data-jsctx-submit="add"><input name="text"><button>Add</button></form>
            <p id="error">{}</p>""");
    private static final Template ITEM = Template.of("<li>{}</li>");
    private static final ContextSpec TODO = ContextSpec.builder()
            .addScript(Script.ofResource("todo.js"))
            .label("todo")
            .build();

    private final ContextPool pool;
    private JsContext js;
    private JsonArray items = JsonValue.EMPTY_JSON_ARRAY;
    private String error = "";

    TodoLive(ContextPool pool) {
        this.pool = pool;
    }

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        if (session.connected()) {
            js = session.own(pool.open(TODO)); // closed when the tab goes away
        }
    }

    @Override
    public void handleEvent(String event, JsonObject payload) throws Exception {
        switch (event) {
            case "add" -> add(payload.getOrDefault("text", JsonValue.NULL));
            default -> LiveView.super.handleEvent(event, payload); // "unknown event" to the client
        }
    }

    private void add(JsonValue text) {
        try {
            items = js.call("add", text).asJsonArray();
            error = "";
        } catch (JsException e) {
            error = e.jsMessage(); // todo.js refused it: say why, keep the list
        }
    }

    @Override
    public Rendered render() {
        return PAGE.with(Html.each(items, item -> ITEM.with(((JsonString) item).getString())), error);
    }
}
// end::todo-live[]
