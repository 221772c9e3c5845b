package dev.jsctx.liveview.redis;

import dev.jsctx.liveview.BrokerStatus;
import dev.jsctx.liveview.PubSubAdapter;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link PubSubAdapter} on Redis. A topic is the channel {@code PREFIX + "topic:" + topic}; a message is
 * {@code nodeId + "\n" + json}, and a node drops its own. Presence is one hash per topic,
 * {@code PREFIX + "presence:" + topic}, field = node id, value = {@code count + ":" + expiry epoch millis}; each
 * node rewrites its field every interval, and readers ignore (and remove) expired fields.
 */
final class RedisPubSubAdapter implements PubSubAdapter {

    private static final System.Logger LOGGER = System.getLogger(RedisPubSubAdapter.class.getName());

    private final String nodeId;
    private final String channelPrefix;
    private final String presencePrefix;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final StatefulRedisConnection<String, String> commands;
    private final long timeoutMillis;
    private final long presenceTtlMillis;
    private final Supplier<BrokerStatus> status;
    /** The topics this node has subscribers for: subscribed again after a reconnect. */
    private final Set<String> topics = ConcurrentHashMap.newKeySet();

    private final ThrottledLog publishFailures = new ThrottledLog(LOGGER, Level.WARNING);
    private final ThrottledLog subscribeFailures = new ThrottledLog(LOGGER, Level.WARNING);
    private final ThrottledLog presenceFailures = new ThrottledLog(LOGGER, Level.WARNING);
    private final ThrottledLog malformed = new ThrottledLog(LOGGER, Level.WARNING);

    // only the presence thread
    private Map<String, Integer> lastTotals = Map.of();

    private volatile Inbound inbound;

    RedisPubSubAdapter(
            String nodeId,
            String prefix,
            StatefulRedisPubSubConnection<String, String> subscriptions,
            StatefulRedisConnection<String, String> commands,
            Duration timeout,
            Duration presenceInterval,
            Supplier<BrokerStatus> status) {
        this.nodeId = nodeId;
        this.channelPrefix = prefix + "topic:";
        this.presencePrefix = prefix + "presence:";
        this.subscriptions = subscriptions;
        this.commands = commands;
        this.timeoutMillis = timeout.toMillis();
        this.presenceTtlMillis = presenceInterval.toMillis() * 3;
        this.status = status;
    }

    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
        subscriptions.addListener(new RedisPubSubListener<>() {
            @Override
            public void message(String channel, String message) {
                received(channel, message);
            }

            @Override
            public void message(String pattern, String channel, String message) {}

            @Override
            public void subscribed(String channel, long count) {}

            @Override
            public void psubscribed(String pattern, long count) {}

            @Override
            public void unsubscribed(String channel, long count) {}

            @Override
            public void punsubscribed(String pattern, long count) {}
        });
    }

    /** On Lettuce's I/O thread: hand it on quickly. */
    private void received(String channel, String message) {
        int newline = message.indexOf('\n');
        if (!channel.startsWith(channelPrefix) || newline < 0) {
            malformed.log(() -> "dropped a message on a Redis channel of this prefix not in jsctx's format");
            return;
        }
        if (message.regionMatches(0, nodeId, 0, newline) && newline == nodeId.length()) {
            return; // our own: delivered locally when it was published
        }
        inbound.received(channel.substring(channelPrefix.length()), message.substring(newline + 1));
    }

    @Override
    public void publish(String topic, String message) {
        try {
            commands.async()
                    .publish(channelPrefix + topic, nodeId + "\n" + message)
                    .whenComplete((receivers, failure) -> {
                        if (failure != null) {
                            publishFailures.log(() ->
                                    "a broadcast did not reach Redis, other nodes miss it: " + failure.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            // a full request queue or a closed connection: the message is dropped
            publishFailures.log(() -> "a broadcast did not reach Redis, other nodes miss it: " + e.getMessage());
        }
    }

    @Override
    public void subscribe(String topic) {
        topics.add(topic);
        sendSubscribe(topic);
    }

    @Override
    public void unsubscribe(String topic) {
        topics.remove(topic);
        try {
            subscriptions.async().unsubscribe(channelPrefix + topic);
        } catch (RuntimeException e) {
            // disconnected: the new connection will not subscribe to it
        }
    }

    /** The subscription connection is back: subscribe again to every topic (harmless for those Lettuce kept). */
    void reconnected() {
        LOGGER.log(Level.INFO, () -> "connected to Redis again; subscribing to " + topics.size() + " topics");
        topics.forEach(this::sendSubscribe);
    }

    private void sendSubscribe(String topic) {
        try {
            subscriptions.async().subscribe(channelPrefix + topic).whenComplete((ok, failure) -> {
                if (failure != null) {
                    subscribeFailures.log(
                            () -> "could not subscribe to a topic (again after a reconnect): " + failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            subscribeFailures.log(() -> "could not subscribe to a topic (again after a reconnect): " + e.getMessage());
        }
    }

    @Override
    public Map<String, Integer> presence(Map<String, Integer> local) {
        long now = System.currentTimeMillis();
        String field = String.valueOf(now + presenceTtlMillis);
        RedisAsyncCommands<String, String> redis = commands.async();
        Map<String, RedisFuture<Map<String, String>>> reads = new HashMap<>();
        try {
            for (Map.Entry<String, Integer> entry : local.entrySet()) {
                String key = presencePrefix + entry.getKey();
                if (entry.getValue() > 0) {
                    redis.hset(key, nodeId, entry.getValue() + ":" + field);
                    redis.pexpire(key, presenceTtlMillis);
                    reads.put(entry.getKey(), redis.hgetall(key));
                } else {
                    redis.hdel(key, nodeId);
                }
            }
            Map<String, Integer> totals = new HashMap<>(local);
            for (Map.Entry<String, RedisFuture<Map<String, String>>> read : reads.entrySet()) {
                Map<String, String> nodes = read.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS);
                totals.put(read.getKey(), sum(presencePrefix + read.getKey(), nodes, now));
            }
            lastTotals = totals;
            return totals;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            return local;
        } catch (Exception e) {
            presenceFailures.log(
                    () -> "presence counts could not be exchanged through Redis, showing the last known: " + e);
            Map<String, Integer> known = new HashMap<>(local);
            lastTotals.forEach((topic, total) -> known.computeIfPresent(topic, (t, count) -> Math.max(count, total)));
            return known;
        }
    }

    /** Sum the nodes' live counts; remove the fields of nodes that stopped refreshing. */
    private int sum(String key, Map<String, String> nodes, long now) {
        int total = 0;
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            String value = node.getValue();
            int colon = value.indexOf(':');
            try {
                if (Long.parseLong(value.substring(colon + 1)) > now) {
                    total += Integer.parseInt(value.substring(0, colon));
                    continue;
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // not ours: drop it like an expired one
            }
            commands.async().hdel(key, node.getKey());
        }
        return total;
    }

    @Override
    public BrokerStatus status() {
        return status.get();
    }

    @Override
    public void close() {
        try {
            List<String> channels =
                    topics.stream().map(topic -> channelPrefix + topic).toList();
            if (!channels.isEmpty()) {
                subscriptions.async().unsubscribe(channels.toArray(String[]::new));
            }
            for (String topic : lastTotals.keySet()) {
                commands.async().hdel(presencePrefix + topic, nodeId).get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Redis is away: this node's presence expires by itself
        }
        topics.clear();
    }
}
