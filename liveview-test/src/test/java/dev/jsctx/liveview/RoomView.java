package dev.jsctx.liveview;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Map;

/**
 * A view at {@code /rooms/{name}} for the navigation tests: its name from the path, its tab from the query (in
 * {@code handleParams}), a count, a flash, patch and navigate links, and events that patch, navigate, redirect
 * and try hostile URIs. Owns a {@link TestView.Resource}, found by session id in {@link TestView#RESOURCES}.
 */
final class RoomView implements LiveView {

    private static final Template PAGE = Template.of("""
            <h1 id="room">{}</h1><p id="tab">{}</p><p id="count">{}</p><p id="flash">{}</p><p id="error">{}</p>\
            <p id="uri">{}</p><p id="sid">{}</p>\
            <a id="tab-2" data-jsctx-patch href="/rooms/{}?tab=2">tab 2</a>\
            <a id="kitchen" data-jsctx-navigate href="/rooms/kitchen">kitchen</a>\
            <button id="inc" data-jsctx-click="inc">+</button>\
            <button id="go" data-jsctx-click="go" data-jsctx-value-to="/rooms/kitchen">go</button>
            """);

    private LiveSession session;
    private String room;
    private String tab = "";
    private String uri = "";
    private String error = "";
    private int count;

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        this.session = session;
        TestView.RESOURCES.put(session.id(), session.own(new TestView.Resource()));
        room = params.get("name");
    }

    @Override
    public void handleParams(Map<String, String> params, URI uri) {
        tab = params.getOrDefault("tab", "1");
        this.uri = uri.toString();
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        error = "";
        switch (name) {
            case "inc" -> count++;
            case "tab" -> session.pushPatch("/rooms/" + room + "?tab=" + payload.getString("tab"));
            case "go" -> {
                session.putFlash("info", "Left " + room);
                session.pushNavigate(payload.getString("to", "/rooms/kitchen"));
            }
            case "leave" -> session.redirect("/");
            case "hostile" -> {
                try {
                    session.pushPatch(payload.getString("uri"));
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
            }
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public Rendered render() {
        return PAGE.with(room, tab, count, session.flash("info"), error, uri, session.id(), room);
    }
}
