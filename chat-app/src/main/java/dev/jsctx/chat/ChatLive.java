package dev.jsctx.chat;

import dev.jsctx.liveview.Broadcast;
import dev.jsctx.liveview.Html;
import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.Presence;
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
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One tab in one room. When the tab connects, {@code mount} opens the tab's own JS context ({@code chat.js},
 * surface {@code NONE}), which holds its nickname and send allowance, checks and shapes every message it sends and
 * posts it through the host function {@code post} ({@link ChatRooms#hostFor}); the tab subscribes to its room's
 * topic and tracks it, and shows the room's history. Messages of the room arrive as {@link Broadcast}s, the room's
 * tab count (all nodes) as {@link Presence}.
 *
 * <p>The room comes from the route: {@code /} is the lobby ({@link #LOBBY}), {@code /rooms/{name}} the room its
 * path names ({@link #NAMED}), checked by {@link RoomName}; a bad name renders the rule and a way to the lobby.
 *
 * <p>Everything shown is rendered through templates that escape it: a message is a structure of parts, each with
 * its own template, so nothing a user types is ever markup.
 */
final class ChatLive implements LiveView {
    private static final System.Logger LOGGER = System.getLogger(ChatLive.class.getName());

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
    /**
     * A link, by scheme: the scheme is the template's own text, so no value can make it another one (liveview
     * refuses a hole at the start of a URL attribute for that reason).
     */
    private static final Template HTTPS_LINK =
            Template.of("<a href=\"https://{}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{}</a>");

    private static final Template HTTP_LINK =
            Template.of("<a href=\"http://{}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{}</a>");

    /** The room of {@code /}: the lobby, whatever the query says. */
    static final Function<Map<String, String>, Optional<String>> LOBBY = params -> Optional.of(RoomName.LOBBY);
    /** The room of {@code /rooms/{name}}: the path's name, if it is one. */
    static final Function<Map<String, String>, Optional<String>> NAMED = params -> RoomName.parse(params.get("name"));

    private final Function<Map<String, String>, Optional<String>> roomOf;
    private final ContextPool pool;
    private final ChatRooms rooms;
    private final Clock clock;
    private final Deque<ChatMessage> messages = new ArrayDeque<>();
    private String room;
    private JsContext js;
    private String nickname = "";
    private int members;
    private String error = "";
    private LiveSession session;

    /**
     * @param roomOf the room the route's params name ({@link #LOBBY} or {@link #NAMED}), empty for a bad name
     */
    ChatLive(Function<Map<String, String>, Optional<String>> roomOf, ContextPool pool, ChatRooms rooms, Clock clock) {
        this.roomOf = roomOf;
        this.pool = pool;
        this.rooms = rooms;
        this.clock = clock;
    }

    @Override
    public void mount(Map<String, String> params, LiveSession session) {
        this.session = session;
        room = roomOf.apply(params).orElse(null);
        if (room == null) {
            return;
        }
        if (session.connected()) {
            // subscribed before the history is read: a message posted in between shows (at worst twice), never lost
            session.subscribe(ChatRooms.topic(room));
            session.track(ChatRooms.topic(room));
            js = session.own(pool.open(ChatScript.SPEC, rooms.hostFor(room)));
        }
        rooms.history(room).forEach(this::keep);
    }

    /** A patch to another room of the route (only a hand-made client sends one): mount there, afresh. */
    @Override
    public void handleParams(Map<String, String> params, URI uri) {
        String named = roomOf.apply(params).orElse(null);
        if (room != null && !room.equals(named)) {
            session.pushNavigate(uri.toString());
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
            case "send" -> call(() -> js.call("send", field(payload, "text"), Json.createValue(clock.millis())));
            default -> LiveView.super.handleEvent(name, payload);
        }
    }

    @Override
    public void handleInfo(Object message) {
        switch (message) {
            case Broadcast posted -> {
                try {
                    keep(ChatMessage.fromJson(posted.message()));
                } catch (IllegalArgumentException e) {
                    // not what chat.js makes (another version of the app, or a stranger on the broker): not shown
                    LOGGER.log(System.Logger.Level.DEBUG, "dropped a malformed message: {0}", e.getMessage());
                }
            }
            case Presence presence -> members = presence.tabs();
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

    /** ChatMessage checked that a link's address is http or https. */
    private static Rendered link(ChatMessage.Part part) {
        String href = part.href();
        return href.startsWith("https://")
                ? HTTPS_LINK.with(href.substring("https://".length()), part.text())
                : HTTP_LINK.with(href.substring("http://".length()), part.text());
    }

    private static Rendered part(ChatMessage.Part part) {
        return PART.with(
                switch (part.kind()) {
                    case TEXT -> part.text();
                    case BOLD -> BOLD.with(part.text());
                    case ITALIC -> ITALIC.with(part.text());
                    case LINK -> link(part);
                });
    }
}
