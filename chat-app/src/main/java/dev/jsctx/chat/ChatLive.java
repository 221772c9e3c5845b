package dev.jsctx.chat;

import dev.jsctx.liveview.Html;
import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import dev.jsctx.pool.CallQueueFullException;
import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * One tab in one room. When the tab connects, {@code mount} opens the tab's own JS context ({@code chat.js},
 * surface {@code NONE}), which holds its nickname and send allowance and checks and shapes every message it sends;
 * the tab joins its room and shows the room's history. Posted messages of the room arrive as {@code handleInfo}.
 *
 * <p>Everything shown is rendered through templates that escape it: a message is a structure of parts, each with
 * its own template, so nothing a user types is ever markup.
 */
final class ChatLive implements LiveView {
    private static final Template PAGE = Template.of("""
            <main class="chat">
              <h1>#<span id="room">{}</span></h1>
              <p class="members-line"><span id="members">{}</span> tabs in this room</p>
              <form id="nickname-form" data-jsctx-submit="nickname">
                <label for="nickname">Nickname</label>
                <input id="nickname" name="nickname" maxlength="24" autocomplete="off" value="{}">
                <button type="submit">Set</button>
              </form>
              <ul id="messages" aria-live="polite">{}</ul>
              <form id="message-form" data-jsctx-submit="send">
                <input id="text" name="text" maxlength="500" autocomplete="off" aria-label="Message">
                <button type="submit">Send</button>
              </form>
              <p id="error" role="alert">{}</p>
            </main>""");
    /** What a bad room name gets: the rule, and a way to the lobby. */
    private static final Template NO_ROOM = Template.of("""
            <main class="chat"><h1>No such room</h1><p id="error" role="alert">{}</p><a href="/">Go to the lobby</a></main>""");

    private static final Template MESSAGE =
            Template.of("<li class=\"message\"><span class=\"author\">{}</span> <span class=\"text\">{}</span></li>");
    /** One part of a message's text: each row of a list comes from one template, the part's own sits inside. */
    private static final Template PART = Template.of("{}");

    private static final Template BOLD = Template.of("<strong>{}</strong>");
    private static final Template ITALIC = Template.of("<em>{}</em>");
    private static final Template LINK =
            Template.of("<a href=\"{}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{}</a>");

    private final ContextPool pool;
    private final ChatRooms rooms;
    private final Clock clock;
    private final Deque<ChatMessage> messages = new ArrayDeque<>();
    private String room;
    private JsContext js;
    private String nickname = "";
    private int members;
    private String error = "";

    ChatLive(ContextPool pool, ChatRooms rooms, Clock clock) {
        this.pool = pool;
        this.rooms = rooms;
        this.clock = clock;
    }

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        room = RoomName.parse(params.getOrDefault("room", RoomName.LOBBY)).orElse(null);
        if (room == null) {
            return;
        }
        rooms.history(room).forEach(this::keep);
        if (session.connected()) {
            js = session.own(pool.open(ChatScript.SPEC));
            session.own(rooms.join(room, session));
        }
    }

    @Override
    public void handleEvent(String name, JsonObject payload) throws Exception {
        if (js == null) {
            throw new IllegalStateException("event before the view was connected");
        }
        switch (name) {
            case "nickname" ->
                call(() -> nickname =
                        ((JsonObject) js.call("setNickname", field(payload, "nickname"))).getString("nickname"));
            case "send" ->
                call(() -> rooms.post(
                        room,
                        ChatMessage.fromJson(
                                js.call("compose", field(payload, "text"), Json.createValue(clock.millis())))));
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public void handleInfo(Object message) {
        switch (message) {
            case ChatRooms.Posted posted -> keep(posted.message());
            case ChatRooms.Members count -> members = count.count();
            default -> {}
        }
    }

    @Override
    public Rendered render() {
        if (room == null) {
            return NO_ROOM.with(RoomName.RULE);
        }
        return PAGE.with(room, members, nickname, Html.each(messages, ChatLive::message), error);
    }

    private void keep(ChatMessage message) {
        messages.addLast(message);
        while (messages.size() > RoomHistory.SIZE) {
            messages.removeFirst();
        }
    }

    /** Runs one call into the tab's context: a refusal is shown in #error, success clears it. */
    private void call(Runnable call) {
        try {
            call.run();
            error = "";
        } catch (JsException e) {
            error = e.jsMessage(); // chat.js refused it: say why, keep everything else
        } catch (CallTimeoutException e) {
            error = "The chat took too long to answer; try again.";
        } catch (CallQueueFullException e) {
            error = "Too many messages at once; try again.";
        }
    }

    /** A form field as sent: chat.js checks it, so anything but text reaches it as null and is refused there. */
    private static JsonValue field(JsonObject payload, String name) {
        return payload.get(name) instanceof JsonString text ? text : JsonValue.NULL;
    }

    private static Rendered message(ChatMessage message) {
        return MESSAGE.with(message.author(), Html.each(message.parts(), ChatLive::part));
    }

    private static Rendered part(ChatMessage.Part part) {
        return PART.with(
                switch (part.kind()) {
                    case TEXT -> part.text();
                    case BOLD -> BOLD.with(part.text());
                    case ITALIC -> ITALIC.with(part.text());
                    case LINK -> LINK.with(part.href(), part.text());
                });
    }
}
