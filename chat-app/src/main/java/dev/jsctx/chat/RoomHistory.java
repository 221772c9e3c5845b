package dev.jsctx.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@value #SIZE} messages of each room, so a tab that joins late sees what was said. This one keeps them
 * in the node's memory; with Redis configured, every node reads and writes the same lists.
 *
 * <p>Thread-safe; messages of one room are kept in the order {@link #append} was called.
 */
class RoomHistory {
    /** How many messages of a room are kept. */
    static final int SIZE = 50;

    private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();

    /**
     * Keeps a message, dropping the room's oldest past {@value #SIZE}.
     *
     * @param room    the room
     * @param message the message
     */
    void append(String room, ChatMessage message) {
        Deque<ChatMessage> messages = rooms.computeIfAbsent(room, name -> new ArrayDeque<>());
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > SIZE) {
                messages.removeFirst();
            }
        }
    }

    /**
     * @param room the room
     * @return its last messages, oldest first
     */
    List<ChatMessage> recent(String room) {
        Deque<ChatMessage> messages = rooms.get(room);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
