package dev.jsctx.liveview;

import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * A message broadcast to a topic, as a subscribed view gets it in {@link LiveView#handleInfo(Object)}.
 *
 * @param topic   the topic it was broadcast to
 * @param message the JSON value as broadcast; immutable
 * @see LiveSession#subscribe(String)
 * @see PubSub#broadcast(String, JsonValue)
 */
public record Broadcast(String topic, JsonValue message) {

    /**
     * @param topic   the topic it was broadcast to
     * @param message the JSON value as broadcast
     */
    public Broadcast {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
    }
}
