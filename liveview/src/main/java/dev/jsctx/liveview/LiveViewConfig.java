package dev.jsctx.liveview;

import io.helidon.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Settings of the live-view module: token signing, origins, limits and heartbeats. Immutable and thread-safe.
 *
 * <p>Built with {@link #builder()} (not thread-safe) or read from config with {@link #create(Config)}:
 * {@snippet lang=yaml :
 * liveview:
 *   secret: "at least 32 characters, the same on every instance"
 *   token-ttl: PT1H
 *   allowed-origins: ["https://app.example.com"]
 *   max-frame-bytes: 65536
 *   heartbeat-interval: PT30S
 *   events-per-second: 50
 *   event-burst: 100
 * }
 */
public interface LiveViewConfig {

    /** Shortest accepted secret, in bytes of UTF-8. */
    int MIN_SECRET_BYTES = 32;

    /**
     * A new builder with every default.
     *
     * @return the builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults: a random secret, valid until the server stops.
     *
     * @return the config
     */
    static LiveViewConfig create() {
        return builder().build();
    }

    /**
     * Read settings from a config node; missing keys keep their defaults.
     *
     * @param config the node holding the keys, e.g. {@code config.get("liveview")}
     * @return the config
     */
    static LiveViewConfig create(Config config) {
        Builder builder = builder();
        config.get("secret").asString().ifPresent(builder::secret);
        config.get("token-ttl").as(Duration.class).ifPresent(builder::tokenTtl);
        config.get("allowed-origins")
                .asList(String.class)
                .ifPresent(origins -> origins.forEach(builder::addAllowedOrigin));
        config.get("max-frame-bytes").asInt().ifPresent(builder::maxFrameBytes);
        config.get("heartbeat-interval").as(Duration.class).ifPresent(builder::heartbeatInterval);
        config.get("events-per-second").asDouble().ifPresent(builder::eventsPerSecond);
        config.get("event-burst").asInt().ifPresent(builder::eventBurst);
        return builder.build();
    }

    /**
     * Key for the HMAC-SHA256 signature of join tokens.
     *
     * @return a copy of the key bytes
     */
    byte[] secret();

    /**
     * How long a join token from a page stays valid; each join reply carries a fresh one.
     *
     * @return the time to live
     */
    Duration tokenTtl();

    /**
     * Origins (such as {@code https://app.example.com}) allowed to open the WebSocket; empty means only the
     * page's own host.
     *
     * @return the allowed origins
     */
    Set<String> allowedOrigins();

    /**
     * Largest accepted client message, in bytes; a larger one closes the socket with
     * {@link LiveProtocol#CLOSE_TOO_BIG}.
     *
     * @return the limit
     */
    int maxFrameBytes();

    /**
     * How often the client sends a heartbeat; a socket silent for twice as long is closed.
     *
     * @return the interval
     */
    Duration heartbeatInterval();

    /**
     * Sustained client messages per second per socket; more get an error reply.
     *
     * @return the rate
     */
    double eventsPerSecond();

    /**
     * Client messages a socket may send at once above the sustained rate.
     *
     * @return the burst
     */
    int eventBurst();

    /**
     * Builder of {@link LiveViewConfig}; not thread-safe.
     */
    final class Builder implements io.helidon.common.Builder<Builder, LiveViewConfig> {

        private byte[] secret;
        private Duration tokenTtl = Duration.ofHours(1);
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private int maxFrameBytes = 64 * 1024;
        private Duration heartbeatInterval = Duration.ofMillis(LiveProtocol.HEARTBEAT_INTERVAL_MS);
        private double eventsPerSecond = 50;
        private int eventBurst = 100;

        private Builder() {}

        /**
         * The signing secret. If not set, a random one is made at {@link #build()}: tokens then fail after a
         * restart and on other instances, so set the same secret everywhere in a cluster.
         *
         * @param secret at least {@value LiveViewConfig#MIN_SECRET_BYTES} bytes of UTF-8
         * @return this builder
         */
        public Builder secret(String secret) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "liveview secret must have at least " + MIN_SECRET_BYTES + " bytes, got " + bytes.length);
            }
            this.secret = bytes;
            return this;
        }

        /**
         * Validity of a join token. Default is one hour.
         *
         * @param tokenTtl a positive duration
         * @return this builder
         */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = positive(tokenTtl, "token-ttl");
            return this;
        }

        /**
         * Allow WebSocket upgrades from this origin too. Default: none, meaning only the page's own host.
         * Helidon checks origins before this module does: add the feature with {@link LiveViewFeature#addTo}, which
         * hands these origins to Helidon's check as well.
         *
         * @param origin scheme, host and port, e.g. {@code https://app.example.com}
         * @return this builder
         */
        public Builder addAllowedOrigin(String origin) {
            allowedOrigins.add(origin);
            return this;
        }

        /**
         * Largest accepted client message. Default is 65536 (64 KB).
         *
         * @param maxFrameBytes bytes, at least 1024
         * @return this builder
         */
        public Builder maxFrameBytes(int maxFrameBytes) {
            if (maxFrameBytes < 1024) {
                throw new IllegalArgumentException("max-frame-bytes must be at least 1024, got " + maxFrameBytes);
            }
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * Client heartbeat interval. Default is 30 seconds.
         *
         * @param heartbeatInterval a positive duration
         * @return this builder
         */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = positive(heartbeatInterval, "heartbeat-interval");
            return this;
        }

        /**
         * Sustained client messages per second per socket. Default is 50.
         *
         * @param eventsPerSecond a positive rate
         * @return this builder
         */
        public Builder eventsPerSecond(double eventsPerSecond) {
            if (!(eventsPerSecond > 0)) {
                throw new IllegalArgumentException("events-per-second must be positive, got " + eventsPerSecond);
            }
            this.eventsPerSecond = eventsPerSecond;
            return this;
        }

        /**
         * Messages a socket may send at once. Default is 100.
         *
         * @param eventBurst at least 1
         * @return this builder
         */
        public Builder eventBurst(int eventBurst) {
            if (eventBurst < 1) {
                throw new IllegalArgumentException("event-burst must be at least 1, got " + eventBurst);
            }
            this.eventBurst = eventBurst;
            return this;
        }

        @Override
        public LiveViewConfig build() {
            byte[] key = secret;
            if (key == null) {
                key = new byte[MIN_SECRET_BYTES];
                new SecureRandom().nextBytes(key);
            }
            return new LiveViewConfigImpl(
                    key.clone(),
                    tokenTtl,
                    Set.copyOf(allowedOrigins),
                    maxFrameBytes,
                    heartbeatInterval,
                    eventsPerSecond,
                    eventBurst);
        }

        private static Duration positive(Duration duration, String key) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(key + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
