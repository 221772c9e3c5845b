package dev.jsctx.bench;

import dev.jsctx.liveview.Broadcast;
import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.PubSub;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.redis.RedisBroker;
import dev.jsctx.liveview.test.RedisServer;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Broadcast fan-out across two nodes: two Helidon servers in this JVM, each a node with its own {@link RedisBroker}
 * on one loopback {@code redis-server}; N live sessions joined over WebSockets on each node, all subscribed to one
 * topic; one publisher on node 1 broadcasts {@code {"sent": nanoTime}} at a fixed rate. Delivery latency is from
 * the broadcast call to the subscriber's {@code handleInfo} (same JVM, same clock), for every subscriber of both
 * nodes, so node 2's figures include the trip through Redis. Warm-up messages are not recorded.
 */
final class BroadcastBenchmark {
    private static final String TOPIC = "bench";
    private static final Histogram LOCAL = new ConcurrentHistogram(3);
    private static final Histogram REMOTE = new ConcurrentHistogram(3);
    private static final AtomicLong DELIVERED = new AtomicLong();
    private static volatile boolean recording;

    private BroadcastBenchmark() {}

    /** A subscriber that records each broadcast's latency into its node's histogram. */
    private static final class SubscriberView implements LiveView {
        private static final Template PAGE = Template.of("<p id=\"n\">{}</p>");
        private final Histogram histogram;
        private long received;

        SubscriberView(Histogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public void mount(Map<String, String> params, LiveSession session) {
            session.subscribe(TOPIC);
        }

        @Override
        public void handleInfo(Object message) {
            if (message instanceof Broadcast broadcast
                    && broadcast.message() instanceof JsonObject body
                    && body.get("sent") instanceof JsonNumber sent) {
                long nanos = System.nanoTime() - sent.longValue();
                received++;
                if (recording) {
                    histogram.recordValue(Math.max(nanos / 1000, 1));
                    DELIVERED.incrementAndGet();
                }
            }
        }

        @Override
        public Rendered render() {
            return PAGE.with(received);
        }
    }

    static void run(int sessionsPerNode, int messages, int warmup, int ratePerSecond) throws Exception {
        try (RedisServer redis = RedisServer.start();
                RedisBroker node1 =
                        RedisBroker.builder().uri(redis.uri()).nodeId("node-1").build();
                RedisBroker node2 =
                        RedisBroker.builder().uri(redis.uri()).nodeId("node-2").build()) {
            WebServer server1 = server(node1.pubSub(), LOCAL, sessionsPerNode);
            WebServer server2 = server(node2.pubSub(), REMOTE, sessionsPerNode);
            try (LiveClient client1 = client(server1);
                    LiveClient client2 = client(server2)) {
                List<LiveConnection> tabs = new ArrayList<>();
                tabs.addAll(join(client1, sessionsPerNode));
                tabs.addAll(join(client2, sessionsPerNode));
                Figures.print("sessions_per_node", sessionsPerNode);
                Figures.print("threads_after_join", Thread.activeCount());
                long periodNanos = 1_000_000_000L / ratePerSecond;
                long next = System.nanoTime();
                for (int i = 0; i < warmup + messages; i++) {
                    if (i == warmup) {
                        Thread.sleep(500); // let the warm-up deliveries finish before recording
                        recording = true;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    node1.pubSub()
                            .broadcast(
                                    TOPIC,
                                    Json.createObjectBuilder()
                                            .add("sent", System.nanoTime())
                                            .build());
                    next += periodNanos;
                }
                long expected = 2L * sessionsPerNode * messages;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (DELIVERED.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Figures.print("messages", messages);
                Figures.print("deliveries_expected", expected);
                Figures.print("deliveries", DELIVERED.get());
                print("node1_local", LOCAL);
                print("node2_via_redis", REMOTE);
                Histogram all = LOCAL.copy();
                all.add(REMOTE);
                print("all", all);
                tabs.forEach(LiveConnection::close);
            } finally {
                server1.stop();
                server2.stop();
            }
        }
    }

    private static void print(String name, Histogram histogram) {
        Figures.print(name + "_p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
        Figures.print(name + "_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
        Figures.print(name + "_max_ms", histogram.getMaxValue() / 1000.0);
    }

    private static WebServer server(PubSub pubSub, Histogram histogram, int sessions) {
        return WebServer.builder()
                .port(0)
                .host("127.0.0.1")
                .addFeature(LiveViewFeature.builder()
                        .config(LiveViewConfig.builder()
                                .maxViews(sessions * 2)
                                .maxViewsPerToken(sessions * 2)
                                .maxSocketsPerClient(sessions * 2)
                                .maxJoinsPerClientPerMinute(sessions * 4)
                                .mailboxCapacity(1024)
                                .build())
                        .pubSub(pubSub)
                        .view("/", () -> new SubscriberView(histogram))
                        .build())
                .build()
                .start();
    }

    private static LiveClient client(WebServer server) {
        LiveClient client = LiveClient.builder(URI.create("http://127.0.0.1:" + server.port()))
                .keptMessages(0)
                .build();
        client.page("/");
        return client;
    }

    private static List<LiveConnection> join(LiveClient client, int sessions) {
        String token = client.page("/").token();
        List<CompletableFuture<LiveConnection>> opening = new ArrayList<>();
        List<LiveConnection> tabs = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            opening.add(client.connectAsync(null));
            if (opening.size() == 100) {
                joinAll(opening, tabs, token);
            }
        }
        joinAll(opening, tabs, token);
        return tabs;
    }

    private static void joinAll(
            List<CompletableFuture<LiveConnection>> opening, List<LiveConnection> tabs, String token) {
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (CompletableFuture<LiveConnection> future : opening) {
            LiveConnection tab = future.join();
            tabs.add(tab);
            joins.add(tab.joinAsync(token));
        }
        joins.forEach(CompletableFuture::join);
        opening.clear();
    }
}
