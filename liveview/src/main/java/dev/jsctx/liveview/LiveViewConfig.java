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
 *   max-refusals-per-minute: 60
 *   max-value-chars: 4096
 *   max-sockets-per-client: 100
 *   max-joins-per-client-per-minute: 600
 *   max-views-per-token: 3
 *   max-views: 10000
 *   token-max-lifetime: PT12H
 *   outbound-queue-frames: 64
 *   write-timeout: PT10S
 *   mailbox-capacity: 256
 *   resume-window: PT30S
 * }
 *
 * <p>A "client" is the remote IP address of the connection.
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
        config.get("max-refusals-per-minute").asInt().ifPresent(builder::maxRefusalsPerMinute);
        config.get("max-value-chars").asInt().ifPresent(builder::maxValueChars);
        config.get("max-sockets-per-client").asInt().ifPresent(builder::maxSocketsPerClient);
        config.get("max-joins-per-client-per-minute").asInt().ifPresent(builder::maxJoinsPerClientPerMinute);
        config.get("max-views-per-token").asInt().ifPresent(builder::maxViewsPerToken);
        config.get("max-views").asInt().ifPresent(builder::maxViews);
        config.get("token-max-lifetime").as(Duration.class).ifPresent(builder::tokenMaxLifetime);
        config.get("outbound-queue-frames").asInt().ifPresent(builder::outboundQueueFrames);
        config.get("write-timeout").as(Duration.class).ifPresent(builder::writeTimeout);
        config.get("mailbox-capacity").asInt().ifPresent(builder::mailboxCapacity);
        config.get("resume-window").as(Duration.class).ifPresent(builder::resumeWindow);
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
     * Refused messages (malformed, rate-limited, unknown, out of order) a socket may send per minute, as a
     * token bucket of this size; one more closes it with {@link LiveProtocol#CLOSE_POLICY_VIOLATION}.
     *
     * @return the limit
     */
    int maxRefusalsPerMinute();

    /**
     * Longest string value in an event payload, in characters; a longer one gets an error reply before the
     * view sees it.
     *
     * @return the limit
     */
    int maxValueChars();

    /**
     * Open WebSockets per client at once; one more is closed with {@link LiveProtocol#CLOSE_TOO_MANY}.
     *
     * @return the limit
     */
    int maxSocketsPerClient();

    /**
     * Joins per client per minute (a token bucket of this size); one more is closed with
     * {@link LiveProtocol#CLOSE_TOO_MANY}.
     *
     * @return the limit
     */
    int maxJoinsPerClientPerMinute();

    /**
     * Live views joined with one token at once; one more is closed with {@link LiveProtocol#CLOSE_TOO_MANY}.
     *
     * @return the limit
     */
    int maxViewsPerToken();

    /**
     * Live views on this server at once; one more join is closed with {@link LiveProtocol#CLOSE_TOO_MANY}.
     *
     * @return the limit
     */
    int maxViews();

    /**
     * Longest a page's tokens stay valid, refreshes included: a tab open longer reloads its page for a new one.
     *
     * @return the lifetime
     */
    Duration tokenMaxLifetime();

    /**
     * Frames waiting to be written to one socket; a socket whose queue is full is dropped and its view ended.
     *
     * @return the capacity
     */
    int outboundQueueFrames();

    /**
     * Longest one write to a socket may take; a socket whose peer stopped reading is dropped after it.
     *
     * @return the time-out
     */
    Duration writeTimeout();

    /**
     * {@code handleInfo} messages waiting for one view; {@link LiveSession#send(Object)} drops a message (and
     * returns false) when the mailbox is full.
     *
     * @return the capacity
     */
    int mailboxCapacity();

    /**
     * How long a joined view outlives its dropped connection: a tab that reconnects within it rejoins the same
     * instance (same state, same owned resources, no new mount); after it the view ends. Zero turns resuming off.
     *
     * @return the window
     */
    Duration resumeWindow();

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
        private int maxRefusalsPerMinute = 60;
        private int maxValueChars = 4096;
        private int maxSocketsPerClient = 100;
        private int maxJoinsPerClientPerMinute = 600;
        private int maxViewsPerToken = 3;
        private int maxViews = 10_000;
        private Duration tokenMaxLifetime = Duration.ofHours(12);
        private int outboundQueueFrames = 64;
        private Duration writeTimeout = Duration.ofSeconds(10);
        private int mailboxCapacity = 256;
        private Duration resumeWindow = Duration.ofSeconds(30);

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

        /**
         * Refused messages per socket per minute before it is closed. Default is 60.
         *
         * @param maxRefusalsPerMinute at least 1
         * @return this builder
         */
        public Builder maxRefusalsPerMinute(int maxRefusalsPerMinute) {
            this.maxRefusalsPerMinute = atLeastOne(maxRefusalsPerMinute, "max-refusals-per-minute");
            return this;
        }

        /**
         * Longest string value in an event payload. Default is 4096 characters.
         *
         * @param maxValueChars at least 1
         * @return this builder
         */
        public Builder maxValueChars(int maxValueChars) {
            this.maxValueChars = atLeastOne(maxValueChars, "max-value-chars");
            return this;
        }

        /**
         * Open WebSockets per client (remote address) at once. Default is 100.
         *
         * @param maxSocketsPerClient at least 1
         * @return this builder
         */
        public Builder maxSocketsPerClient(int maxSocketsPerClient) {
            this.maxSocketsPerClient = atLeastOne(maxSocketsPerClient, "max-sockets-per-client");
            return this;
        }

        /**
         * Joins per client (remote address) per minute. Default is 600.
         *
         * @param maxJoinsPerClientPerMinute at least 1
         * @return this builder
         */
        public Builder maxJoinsPerClientPerMinute(int maxJoinsPerClientPerMinute) {
            this.maxJoinsPerClientPerMinute = atLeastOne(maxJoinsPerClientPerMinute, "max-joins-per-client-per-minute");
            return this;
        }

        /**
         * Live views joined with one token at once. Default is 3 (a tab, and room for a reconnect the server
         * has not noticed yet).
         *
         * @param maxViewsPerToken at least 1
         * @return this builder
         */
        public Builder maxViewsPerToken(int maxViewsPerToken) {
            this.maxViewsPerToken = atLeastOne(maxViewsPerToken, "max-views-per-token");
            return this;
        }

        /**
         * Live views on this server at once. Default is 10,000; keep it below what the views' resources allow
         * (for example the context pool's {@code max-contexts}).
         *
         * @param maxViews at least 1
         * @return this builder
         */
        public Builder maxViews(int maxViews) {
            this.maxViews = atLeastOne(maxViews, "max-views");
            return this;
        }

        /**
         * Longest a page's tokens stay valid, counted from the page render, refreshes included. Default is 12
         * hours.
         *
         * @param tokenMaxLifetime a positive duration
         * @return this builder
         */
        public Builder tokenMaxLifetime(Duration tokenMaxLifetime) {
            this.tokenMaxLifetime = positive(tokenMaxLifetime, "token-max-lifetime");
            return this;
        }

        /**
         * Frames waiting to be written to one socket. Default is 64.
         *
         * @param outboundQueueFrames at least 1
         * @return this builder
         */
        public Builder outboundQueueFrames(int outboundQueueFrames) {
            this.outboundQueueFrames = atLeastOne(outboundQueueFrames, "outbound-queue-frames");
            return this;
        }

        /**
         * Longest one write to a socket may take. Default is 10 seconds.
         *
         * @param writeTimeout a positive duration
         * @return this builder
         */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = positive(writeTimeout, "write-timeout");
            return this;
        }

        /**
         * {@code handleInfo} messages waiting for one view. Default is 256.
         *
         * @param mailboxCapacity at least 1
         * @return this builder
         */
        public Builder mailboxCapacity(int mailboxCapacity) {
            this.mailboxCapacity = atLeastOne(mailboxCapacity, "mailbox-capacity");
            return this;
        }

        /**
         * How long a view waits for its tab to reconnect after the connection went away. Default is 30 seconds.
         *
         * @param resumeWindow zero (views end with their connection) or a positive duration
         * @return this builder
         */
        public Builder resumeWindow(Duration resumeWindow) {
            if (resumeWindow.isNegative()) {
                throw new IllegalArgumentException("resume-window must not be negative, got " + resumeWindow);
            }
            this.resumeWindow = resumeWindow;
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
                    eventBurst,
                    maxRefusalsPerMinute,
                    maxValueChars,
                    maxSocketsPerClient,
                    maxJoinsPerClientPerMinute,
                    maxViewsPerToken,
                    maxViews,
                    tokenMaxLifetime,
                    outboundQueueFrames,
                    writeTimeout,
                    mailboxCapacity,
                    resumeWindow);
        }

        private static int atLeastOne(int value, String key) {
            if (value < 1) {
                throw new IllegalArgumentException(key + " must be at least 1, got " + value);
            }
            return value;
        }

        private static Duration positive(Duration duration, String key) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(key + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
