package dev.jsctx.liveview.redis;

import dev.jsctx.liveview.BrokerStatus;
import dev.jsctx.liveview.PubSub;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.Objects;

/**
 * A readiness check of a {@link PubSub}'s broker, for Helidon's {@code HealthObserver}: UP while broadcasts reach
 * the other nodes, DOWN (detail {@code state: DEGRADED}) while the broker is being reconnected; the node keeps
 * serving its own tabs meanwhile. Details: the state and {@link BrokerStatus#detail()}.
 *
 * {@snippet :
 * HealthObserver.builder().details(true).addCheck(BrokerHealthCheck.create(redis.pubSub())).build();
 * }
 *
 * <p>Thread-safe; each call reads the status anew.
 */
public final class BrokerHealthCheck implements HealthCheck {
    /** The name it has: {@value}. */
    public static final String NAME = "jsctx-broker";

    private final PubSub pubSub;

    private BrokerHealthCheck(PubSub pubSub) {
        this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
    }

    /**
     * @param pubSub the PubSub whose broker to watch
     * @return a readiness check named {@value #NAME}
     */
    public static BrokerHealthCheck create(PubSub pubSub) {
        return new BrokerHealthCheck(pubSub);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HealthCheckResponse call() {
        BrokerStatus status = pubSub.status();
        return HealthCheckResponse.builder()
                .status(status.up())
                .detail("state", status.up() ? "UP" : "DEGRADED")
                .detail("broker", status.detail())
                .build();
    }
}
