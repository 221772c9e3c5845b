package dev.jsctx.chat;

import dev.jsctx.liveview.PubSub;
import dev.jsctx.pool.HostFunctions;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The rooms, as every node sees them: a room is a {@link PubSub} topic that its tabs subscribe to and track (for
 * {@code #members}), and a history of its last messages. Posting goes through the host function {@code post} that
 * each tab's context gets: the message is kept in the room's history, then broadcast to every tab of the room on
 * every node, the sender's too.
 *
 * <p>Thread-safe.
 */
final class ChatRooms {
    private final PubSub pubSub;
    private final RoomHistory history;

    ChatRooms(PubSub pubSub, RoomHistory history) {
        this.pubSub = pubSub;
        this.history = history;
    }

    /**
     * @param room a valid room name ({@link RoomName})
     * @return the room's PubSub topic
     */
    static String topic(String room) {
        return "chat:room:" + room;
    }

    /**
     * What one tab's context may call: {@code host.call("post", message)}, on a virtual thread (the history and
     * the broker may be across the network). The message is checked again ({@link ChatMessage#fromJson}).
     *
     * @param room the tab's room
     * @return the host functions of a tab in that room
     */
    HostFunctions hostFor(String room) {
        return HostFunctions.builder()
                .async("post", args -> {
                    ChatMessage message = ChatMessage.fromJson(args.get(0));
                    history.append(room, message);
                    pubSub.broadcast(topic(room), message.toJson());
                    return JsonValue.NULL;
                })
                .build();
    }

    /**
     * @param room the room
     * @return its last messages, oldest first
     */
    List<ChatMessage> history(String room) {
        return history.recent(room);
    }
}
