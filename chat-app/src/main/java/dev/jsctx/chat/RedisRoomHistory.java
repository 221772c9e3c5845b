package dev.jsctx.chat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rooms' histories in Redis, one list per room ({@code RPUSH} then {@code LTRIM} to the last {@value #SIZE}),
 * read and written by every node, so a tab that joins late on any node sees what was said on all of them. Its own
 * connection: the broker's are for PubSub, presence and parked state.
 *
 * <p>While Redis is away, posting still reaches this node's tabs (the message is only not kept) and a joining tab
 * sees no history; each failure is logged as one line without a stack trace.
 */
final class RedisRoomHistory implements RoomHistory {
    private static final System.Logger LOGGER = System.getLogger(RedisRoomHistory.class.getName());

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String keyPrefix;

    private RedisRoomHistory(RedisClient client, StatefulRedisConnection<String, String> connection, String prefix) {
        this.client = client;
        this.connection = connection;
        this.keyPrefix = prefix;
    }

    /**
     * Connects to Redis.
     *
     * @param uri       such as {@code redis://127.0.0.1:6379}
     * @param keyPrefix the prefix of the lists' keys, such as {@code jsctx:}
     * @param timeout   how long a read or write may wait for Redis
     * @return the history
     */
    static RedisRoomHistory connect(String uri, String keyPrefix, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        RedisClient client = RedisClient.create(redisUri);
        try {
            return new RedisRoomHistory(client, client.connect(), keyPrefix + "chat:history:");
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public void append(String room, ChatMessage message) {
        try {
            RedisCommands<String, String> redis = connection.sync();
            redis.rpush(keyPrefix + room, message.toJson().toString());
            redis.ltrim(keyPrefix + room, -SIZE, -1);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "a message of room {0} was not kept: {1}", room, e.toString());
        }
    }

    @Override
    public List<ChatMessage> recent(String room) {
        List<String> stored;
        try {
            stored = connection.sync().lrange(keyPrefix + room, 0, -1);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "the history of room {0} was not read: {1}", room, e.toString());
            return List.of();
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (String json : stored) {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                messages.add(ChatMessage.fromJson(reader.readValue()));
            } catch (RuntimeException e) {
                // not what this app stores (another version, or someone else's key): left out
                LOGGER.log(System.Logger.Level.DEBUG, "left out a stored message of room {0}", room);
            }
        }
        return messages;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
