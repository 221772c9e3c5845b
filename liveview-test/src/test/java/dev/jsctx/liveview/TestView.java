package dev.jsctx.liveview;

import dev.jsctx.liveview.client.LiveReply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny view for the server tests: a counter, its session id, a message, and a list. Each instance owns a
 * {@link Resource}, found by session id in {@link #RESOURCES}.
 */
final class TestView implements LiveView {

    static final Map<String, Resource> RESOURCES = new ConcurrentHashMap<>();

    private static final Template PAGE =
            Template.of("<p id=\"count\">{}</p><p id=\"sid\">{}</p><p id=\"message\">{}</p><ul>{}</ul>");
    private static final Template ITEM = Template.of("<li>{}</li>");

    /** The resource of the view that sent this join reply (the session id is dynamic 1). */
    static Resource resourceOf(LiveReply joinReply) {
        return RESOURCES.get(joinReply.rendered().getString("1"));
    }

    private LiveSession session;
    private int count;
    private String message = "";
    private final List<String> items = new ArrayList<>();

    @Override
    public void mount(Map<String, String> params, LiveSession session) throws Exception {
        this.session = session;
        RESOURCES.put(session.id(), session.own(new Resource()));
        message = params.getOrDefault("message", "");
        if (params.containsKey("mount-millis")) {
            // a slow mount (a view loading its state), for races with the socket's end
            RESOURCES.put("slow:" + params.get("mount-millis"), RESOURCES.get(session.id()));
            Thread.sleep(Long.parseLong(params.get("mount-millis")));
        }
        if (params.containsKey("fail")) {
            RESOURCES.put("fail:" + params.get("fail"), RESOURCES.get(session.id()));
            throw new IllegalStateException("mount failed on purpose");
        }
        if (params.containsKey("fail-join") && session.connected()) {
            RESOURCES.put("fail:" + params.get("fail-join"), RESOURCES.get(session.id()));
            // a page that renders but whose join always fails: a client retrying it
            throw new IllegalStateException("join failed on purpose");
        }
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        switch (name) {
            case "inc" -> count++;
            case "add" -> count += Integer.parseInt(payload.getString("amount"));
            case "item" -> items.add(payload.getString("text"));
            case "push" -> session.send(payload.getString("text"));
            case "tags" -> message = payload.getJsonArray("tags").toString();
            case "ping" -> {
                count++;
                session.pushEvent("pong", payload);
            }
            case "flood" -> {
                // the view lock is held here, so nothing drains: the mailbox fills to its capacity
                int accepted = 0;
                for (int i = 0; i < Integer.parseInt(payload.getString("count")); i++) {
                    accepted += session.send("info " + i) ? 1 : 0;
                }
                message = "accepted " + accepted;
            }
            case "boom" -> throw new IllegalStateException("event failed on purpose");
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public void handleInfo(Object info) {
        if ("boom".equals(info)) {
            throw new IllegalStateException("info failed on purpose");
        }
        message = String.valueOf(info);
    }

    @Override
    public Rendered render() {
        return PAGE.with(count, session.id(), message, Html.each(items, ITEM::with));
    }

    /** Counts its closes; {@link #closed} opens on the first. */
    static final class Resource implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }
}
