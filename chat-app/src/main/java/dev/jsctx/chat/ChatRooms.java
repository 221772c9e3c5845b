package dev.jsctx.chat;

import dev.jsctx.liveview.LiveSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms of this node: who is in each, and the fan-out of a posted message to every tab of its room, with the
 * room's history kept on the way.
 *
 * <p>Thread-safe. Views hear of changes through {@link LiveSession#send}: a {@link Posted} for every message of
 * their room, in the order posted, and a {@link Members} when the room's tab count changed.
 */
final class ChatRooms {
    /** A view's message: someone posted in its room. */
    record Posted(ChatMessage message) {}

    /** A view's message: the room has this many tabs now. */
    record Members(int count) {}

    private final Map<String, Set<LiveSession>> rooms = new ConcurrentHashMap<>();
    private final RoomHistory history;

    ChatRooms(RoomHistory history) {
        this.history = history;
    }

    /**
     * Puts a connected tab in a room until the returned handle is closed; hand it to the session to own.
     *
     * @param room    the room
     * @param session the tab's session
     * @return leaves the room
     */
    AutoCloseable join(String room, LiveSession session) {
        Set<LiveSession> members = rooms.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet());
        members.add(session);
        announceMembers(members);
        return () -> {
            members.remove(session);
            announceMembers(members);
        };
    }

    /**
     * Keeps a message in the room's history and sends it to every tab of the room, the sender's too.
     *
     * @param room    the room
     * @param message the message, as chat.js shaped it
     */
    void post(String room, ChatMessage message) {
        history.append(room, message);
        Posted posted = new Posted(message);
        rooms.getOrDefault(room, Set.of()).forEach(member -> member.send(posted));
    }

    /**
     * @param room the room
     * @return its last messages, oldest first
     */
    List<ChatMessage> history(String room) {
        return history.recent(room);
    }

    private static void announceMembers(Set<LiveSession> members) {
        Members count = new Members(members.size());
        members.forEach(member -> member.send(count));
    }
}
