package dev.jsctx.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The rooms' histories in this node's memory: for one node, or when no Redis is configured. */
final class InMemoryRoomHistory implements RoomHistory {
    private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();

    @Override
    public void append(String room, ChatMessage message) {
        Deque<ChatMessage> messages = rooms.computeIfAbsent(room, name -> new ArrayDeque<>());
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > SIZE) {
                messages.removeFirst();
            }
        }
    }

    @Override
    public List<ChatMessage> recent(String room) {
        Deque<ChatMessage> messages = rooms.get(room);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
