package dev.jsctx.liveview;

import java.util.Objects;

/**
 * How many tabs are present in a topic, on every node, as a tracking view gets it in
 * {@link LiveView#handleInfo(Object)}: once soon after {@link LiveSession#track(String)}, then whenever the
 * count changes. Counts from other nodes arrive within a few {@linkplain PubSub.Builder#presenceInterval
 * presence intervals}.
 *
 * @param topic the topic
 * @param tabs  the number of tabs that track it, at least the receiving one
 */
public record Presence(String topic, int tabs) {

    /**
     * @param topic the topic
     * @param tabs  the number of tabs that track it
     */
    public Presence {
        Objects.requireNonNull(topic, "topic");
    }
}
