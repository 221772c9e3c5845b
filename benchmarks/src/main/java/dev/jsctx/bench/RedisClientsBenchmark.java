package dev.jsctx.bench;

import dev.jsctx.liveview.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The measurement behind liveview-redis's choice of client: Lettuce and Jedis each publish {@code nanoTime} at a
 * fixed rate on one connection and receive on another (one subscribed channel), on a loopback
 * {@code redis-server} of the benchmark's own. Figures: publish-to-receive latency and the threads each client
 * adds to the JVM. One client at a time, in the order given, each after a warm-up of a tenth of the messages.
 */
final class RedisClientsBenchmark {
    private static final String CHANNEL = "bench:clients";

    private RedisClientsBenchmark() {}

    /** @param clients the clients to run, in this order ({@code lettuce}, {@code jedis}): the first one runs cold */
    static void run(int messages, int ratePerSecond, java.util.List<String> clients) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            for (String client : clients) {
                switch (client) {
                    case "lettuce" -> lettuce(redis, messages, ratePerSecond);
                    case "jedis" -> jedis(redis, messages, ratePerSecond);
                    default -> throw new IllegalArgumentException("unknown client " + client);
                }
            }
        }
    }

    private static void lettuce(RedisServer redis, int messages, int rate) throws Exception {
        int threadsBefore = Thread.activeCount();
        RedisClient client = RedisClient.create(redis.uri());
        Histogram latency = new ConcurrentHistogram(3);
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch received = new CountDownLatch(messages);
        int warmup = messages / 10;
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                StatefulRedisConnection<String, String> pub = client.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void subscribed(String channel, long count) {
                    subscribed.countDown();
                }

                @Override
                public void message(String channel, String message) {
                    record(latency, received, message);
                }
            });
            sub.async().subscribe(CHANNEL);
            subscribed.await(10, TimeUnit.SECONDS);
            publishAtRate(messages + warmup, rate, warmup, seq -> pub.async().publish(CHANNEL, seq));
            received.await(30, TimeUnit.SECONDS);
            Figures.print("lettuce_threads_added", Thread.activeCount() - threadsBefore);
            print("lettuce", latency, messages - received.getCount());
        } finally {
            client.shutdown();
        }
    }

    private static void jedis(RedisServer redis, int messages, int rate) throws Exception {
        int threadsBefore = Thread.activeCount();
        Histogram latency = new ConcurrentHistogram(3);
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch received = new CountDownLatch(messages);
        int warmup = messages / 10;
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                record(latency, received, message);
            }
        };
        // Jedis's subscribe blocks its calling thread for as long as the subscription lasts
        Thread subscriber = Thread.ofPlatform().name("jedis-subscriber").start(() -> {
            try (Jedis sub = new Jedis("127.0.0.1", redis.port())) {
                sub.subscribe(listener, CHANNEL);
            }
        });
        try (Jedis pub = new Jedis("127.0.0.1", redis.port())) {
            subscribed.await(10, TimeUnit.SECONDS);
            publishAtRate(messages + warmup, rate, warmup, seq -> pub.publish(CHANNEL, seq));
            received.await(30, TimeUnit.SECONDS);
            Figures.print("jedis_threads_added", Thread.activeCount() - threadsBefore);
            print("jedis", latency, messages - received.getCount());
        } finally {
            listener.unsubscribe();
            subscriber.join(5000);
        }
    }

    /** Messages are {@code "W:nanos"} (warm-up, not recorded) or {@code "M:nanos"}. */
    private static void publishAtRate(int count, int rate, int warmup, java.util.function.Consumer<String> publish) {
        long period = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            publish.accept((i < warmup ? "W:" : "M:") + System.nanoTime());
            next += period;
        }
    }

    private static void record(Histogram latency, CountDownLatch received, String message) {
        long now = System.nanoTime();
        if (message.startsWith("M:")) {
            latency.recordValue(Math.max((now - Long.parseLong(message.substring(2))) / 1000, 1));
            received.countDown();
        }
    }

    private static void print(String client, Histogram latency, long received) {
        Figures.print(client + "_received", received);
        Figures.print(client + "_p50_ms", latency.getValueAtPercentile(50) / 1000.0);
        Figures.print(client + "_p99_ms", latency.getValueAtPercentile(99) / 1000.0);
        Figures.print(client + "_max_ms", latency.getMaxValue() / 1000.0);
    }
}
