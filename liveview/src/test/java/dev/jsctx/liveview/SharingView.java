package dev.jsctx.liveview;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * A view for the PubSub and parking tests: it subscribes to and tracks the page's {@code topic}, shows the last
 * broadcast and the presence count, says things to the topic, and parks its counter.
 */
final class SharingView implements LiveView {

    private static final Template PAGE =
            Template.of("<p id=\"last\">{}</p><p id=\"tabs\">{}</p><p id=\"count\">{}</p>");

    private final PubSub pubSub;
    private LiveSession session;
    private String topic;
    private String last = "";
    private int tabs;
    private long count;

    SharingView(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        this.session = session;
        topic = params.getOrDefault("topic", "lobby");
        session.subscribe(topic);
        session.track(topic);
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        switch (name) {
            case "inc" -> count++;
            case "say" -> pubSub.broadcastFrom(session, topic, Json.createValue(payload.getString("text")));
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public void handleInfo(Object message) {
        if (message instanceof Broadcast broadcast && broadcast.message() instanceof JsonString text) {
            last = text.getString();
        } else if (message instanceof Presence presence) {
            tabs = presence.tabs();
        }
    }

    @Override
    public Optional<JsonValue> park() {
        return Optional.of(Json.createValue(count));
    }

    @Override
    public void resume(JsonValue state) {
        count = ((JsonNumber) state).longValue();
    }

    @Override
    public Rendered render() {
        return PAGE.with(last, tabs, count);
    }
}
