package dev.jsctx.liveview.redis;

import dev.jsctx.liveview.ParkStore;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ParkStore} on Redis: a state is the string key {@code PREFIX + "park:" + tabId} holding its JSON, set
 * with an expiry ({@code SET ... PX}) and taken with {@code GETDEL} (Redis 6.2 or later), so two nodes never
 * resume one state twice.
 */
final class RedisParkStore implements ParkStore {

    private final String prefix;
    private final StatefulRedisConnection<String, String> commands;
    private final long ttlMillis;
    private final long timeoutMillis;

    RedisParkStore(String prefix, StatefulRedisConnection<String, String> commands, Duration ttl, Duration timeout) {
        this.prefix = prefix + "park:";
        this.commands = commands;
        this.ttlMillis = ttl.toMillis();
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void park(String tabId, JsonValue state) {
        await(commands.async().set(prefix + tabId, state.toString(), SetArgs.Builder.px(ttlMillis)));
    }

    @Override
    public Optional<JsonValue> take(String tabId) {
        String json = await(commands.async().getdel(prefix + tabId));
        if (json == null) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return Optional.of(reader.readValue());
        }
    }

    private <T> T await(Future<T> reply) {
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new IllegalStateException("Redis did not answer within " + timeoutMillis + " ms");
        }
    }

    @Override
    public String toString() {
        return "ParkStore[redis, ttl " + Duration.ofMillis(ttlMillis) + "]";
    }
}
