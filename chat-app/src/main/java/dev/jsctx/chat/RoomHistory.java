package dev.jsctx.chat;

import java.util.List;

/**
 * The last {@value #SIZE} messages of each room, so a tab that joins late sees what was said: in the node's memory
 * ({@link InMemoryRoomHistory}), or with Redis configured in one list per room that every node shares
 * ({@link RedisRoomHistory}).
 *
 * <p>Thread-safe; messages of one room are kept in the order {@link #append} was called.
 */
interface RoomHistory extends AutoCloseable {
    /** How many messages of a room are kept. */
    int SIZE = 50;

    /**
     * Keeps a message, dropping the room's oldest past {@value #SIZE}.
     *
     * @param room    the room
     * @param message the message
     */
    void append(String room, ChatMessage message);

    /**
     * @param room the room
     * @return its last messages, oldest first; empty if they cannot be read now
     */
    List<ChatMessage> recent(String room);

    @Override
    default void close() {}
}
