package dev.jsctx.liveview;

import java.util.Objects;

/**
 * Whether a {@link PubSub}'s broker is reachable, for an application's health check. Independent of Helidon
 * health, so any check can show it; {@code liveview-redis} has a Helidon health check built on it.
 *
 * @param up     false while broadcasts cannot reach other nodes (the broker is down or being reconnected)
 * @param detail a short description, such as {@code "in-process"} or {@code "redis://127.0.0.1:6379 reconnecting"};
 *               never a secret
 */
public record BrokerStatus(boolean up, String detail) {

    /** The status of a PubSub that needs no broker. */
    public static final BrokerStatus IN_PROCESS = new BrokerStatus(true, "in-process");

    /**
     * @param up     whether the broker is reachable
     * @param detail a short description
     */
    public BrokerStatus {
        Objects.requireNonNull(detail, "detail");
    }
}
