package dev.jsctx.liveview.redis;

import dev.jsctx.liveview.BrokerStatus;
import dev.jsctx.liveview.ParkStore;
import dev.jsctx.liveview.PubSub;
import io.helidon.config.Config;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One node's link to a Redis server, for live views on several nodes: a {@link PubSub} whose broadcasts and
 * presence reach every node on the same Redis ({@link #pubSub()}), and a {@link ParkStore} from which a tab
 * resumes on any node ({@link #parkStore()}).
 *
 * {@snippet :
 * RedisBroker redis = RedisBroker.create(config.get("liveview.redis"));   // liveview.redis.uri: redis://...
 * LiveViewFeature live = LiveViewFeature.builder()
 *         .pubSub(redis.pubSub())
 *         .parkStore(redis.parkStore())
 *         .view("/", () -> new ChatLive(redis.pubSub()))
 *         .build();
 * // after the server stopped: redis.close();
 * }
 *
 * <p>A node uses two connections to Redis, whatever the number of views: one for all its subscriptions, one for
 * publishing, presence and parked state (Lettuce, on two I/O threads). Each message carries this node's id, so a
 * node delivers its own broadcasts once (at once, locally) and ignores them when Redis echoes them.
 *
 * <p><b>When Redis goes away.</b> Nothing throws into a view. {@link #status()} turns down; broadcasts reach only
 * this node's subscribers, and what was published to Redis meanwhile is lost (Redis PubSub keeps nothing);
 * presence shows this node's tabs only; parking fails (logged, the state is lost) and resuming finds nothing.
 * Lettuce reconnects on its own (every {@code reconnect-max-delay} at most); this node then subscribes again to
 * its topics, and the presence counts of all nodes come back within a presence interval. Problems are logged
 * at most once per 10 s each, without stack traces. Redis must be up when the node starts.
 *
 * <p>Thread-safe. Close it after the server stopped.
 */
public final class RedisBroker implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(RedisBroker.class.getName());

    private final String nodeId;
    private final String address;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final StatefulRedisConnection<String, String> commands;
    private final RedisPubSubAdapter adapter;
    private final PubSub pubSub;
    private final RedisParkStore parkStore;

    private RedisBroker(Builder builder) {
        this.nodeId = builder.nodeId == null ? randomNodeId() : builder.nodeId;
        RedisURI uri = RedisURI.create(builder.uri);
        uri.setTimeout(builder.commandTimeout);
        this.address = uri.getHost() + ":" + uri.getPort();
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), builder.reconnectMaxDelay, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while Redis is away, fail at once (the message is lost, as documented) rather than queue without end
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(builder.requestQueueSize)
                .timeoutOptions(TimeoutOptions.enabled(builder.commandTimeout))
                .build());
        try {
            this.subscriptions = client.connectPubSub();
            this.commands = client.connect();
        } catch (RuntimeException e) {
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot connect to Redis at " + address + ": " + e.getMessage(), e);
        }
        String prefix = builder.keyPrefix;
        this.adapter = new RedisPubSubAdapter(
                nodeId,
                prefix,
                subscriptions,
                commands,
                builder.commandTimeout,
                builder.presenceInterval,
                this::status);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
                if (connection == subscriptions) {
                    adapter.reconnected();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                LOGGER.log(
                        System.Logger.Level.WARNING,
                        () -> "lost the connection to Redis at " + address
                                + "; reconnecting (broadcasts reach this node only meanwhile)");
            }
        });
        this.pubSub = PubSub.builder()
                .adapter(adapter)
                .presenceInterval(builder.presenceInterval)
                .build();
        this.parkStore = new RedisParkStore(prefix, commands, builder.parkTtl, builder.commandTimeout);
        LOGGER.log(System.Logger.Level.INFO, () -> "connected to Redis at " + address + " as node " + nodeId);
    }

    /**
     * A broker from config: {@code uri} (required, such as {@code redis://127.0.0.1:6379}), and optionally
     * {@code node-id}, {@code key-prefix}, {@code presence-interval}, {@code park-ttl}, {@code command-timeout},
     * {@code request-queue-size}, {@code reconnect-max-delay} (see {@link Builder}).
     *
     * @param config the node, such as {@code config.get("liveview.redis")}
     * @return a connected broker
     * @throws IllegalStateException if Redis cannot be reached or {@code uri} is missing
     */
    public static RedisBroker create(Config config) {
        Builder builder = builder();
        builder.uri(config.get("uri")
                .asString()
                .orElseThrow(() -> new IllegalStateException("liveview.redis.uri is not set")));
        config.get("node-id").asString().ifPresent(builder::nodeId);
        config.get("key-prefix").asString().ifPresent(builder::keyPrefix);
        config.get("presence-interval").as(Duration.class).ifPresent(builder::presenceInterval);
        config.get("park-ttl").as(Duration.class).ifPresent(builder::parkTtl);
        config.get("command-timeout").as(Duration.class).ifPresent(builder::commandTimeout);
        config.get("request-queue-size").asInt().ifPresent(builder::requestQueueSize);
        config.get("reconnect-max-delay").as(Duration.class).ifPresent(builder::reconnectMaxDelay);
        return builder.build();
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The PubSub of this node, on Redis; the same instance on every call. Closed by {@link #close()}.
     *
     * @return the PubSub
     */
    public PubSub pubSub() {
        return pubSub;
    }

    /**
     * The park store on Redis: states expire after {@code park-ttl}; the same instance on every call.
     *
     * @return the store
     */
    public ParkStore parkStore() {
        return parkStore;
    }

    /**
     * Whether both connections to Redis are up; for a health check ({@link BrokerHealthCheck}).
     *
     * @return the status
     */
    public BrokerStatus status() {
        boolean up = subscriptions.isOpen() && commands.isOpen();
        return new BrokerStatus(up, "redis " + address + (up ? "" : " reconnecting") + ", node " + nodeId);
    }

    /**
     * This node's id in messages and presence.
     *
     * @return the id
     */
    public String nodeId() {
        return nodeId;
    }

    /** Withdraw this node's presence, close the connections and Lettuce's threads. */
    @Override
    public void close() {
        pubSub.close(); // closes the adapter: withdraws presence
        subscriptions.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String randomNodeId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Builder of {@link RedisBroker}; not thread-safe. */
    public static final class Builder implements io.helidon.common.Builder<Builder, RedisBroker> {
        private String uri;
        private String nodeId;
        private String keyPrefix = "jsctx:";
        private Duration presenceInterval = Duration.ofSeconds(1);
        private Duration parkTtl = Duration.ofMinutes(10);
        private Duration commandTimeout = Duration.ofSeconds(2);
        private int requestQueueSize = 10_000;
        private Duration reconnectMaxDelay = Duration.ofSeconds(2);

        private Builder() {}

        /**
         * The server, such as {@code redis://127.0.0.1:6379} or {@code redis://:password@host:6379/0}. Required.
         *
         * @param uri a Redis URI
         * @return this builder
         */
        public Builder uri(String uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * This node's id: unique among the nodes on one Redis. Default: 12 random hex digits.
         *
         * @param nodeId 1 to 64 letters, digits, {@code - _ .}
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("a node id has 1 to 64 letters, digits, '-', '_' or '.'");
            }
            this.nodeId = nodeId;
            return this;
        }

        /**
         * The prefix of every Redis key and channel, so several applications can share one Redis. Default
         * {@code jsctx:}.
         *
         * @param keyPrefix the prefix
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * How often this node refreshes its presence counts in Redis and reads the others'; a node's counts
         * expire three intervals after its last refresh (a node that died leaves no ghosts). Default 1 s.
         *
         * @param interval the interval, at least 10 ms
         * @return this builder
         */
        public Builder presenceInterval(Duration interval) {
            this.presenceInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * How long a parked state is kept in Redis. Default 10 minutes.
         *
         * @param ttl at least 1 ms
         * @return this builder
         */
        public Builder parkTtl(Duration ttl) {
            if (ttl.toMillis() < 1) {
                throw new IllegalArgumentException("park ttl must be at least 1 ms: " + ttl);
            }
            this.parkTtl = ttl;
            return this;
        }

        /**
         * How long connecting or a command (presence, park, resume) may wait for Redis. Default 2 s.
         *
         * @param timeout the time-out
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Most commands waiting for a slow Redis per connection; past that a publish is dropped (and logged).
         * Default 10,000.
         *
         * @param size the bound
         * @return this builder
         */
        public Builder requestQueueSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("request queue size must be positive: " + size);
            }
            this.requestQueueSize = size;
            return this;
        }

        /**
         * Longest wait between two reconnect attempts (they start at 50 ms and double). Default 2 s.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder reconnectMaxDelay(Duration delay) {
            this.reconnectMaxDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * @return a broker connected to Redis
         * @throws IllegalStateException if Redis cannot be reached
         */
        @Override
        public RedisBroker build() {
            if (uri == null) {
                throw new IllegalStateException("a Redis uri is required");
            }
            return new RedisBroker(this);
        }
    }
}
