package dev.jsctx.liveview.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.Broadcast;
import dev.jsctx.liveview.test.RecordingSession;
import dev.jsctx.liveview.test.RedisServer;
import io.helidon.health.HealthCheckResponse;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Redis stops for 5 s and starts again: the nodes stay up, their status and health say DEGRADED and then UP,
 * local delivery goes on throughout, broadcasts cross again, and the log gets a few lines, no stack traces.
 */
class RedisRestartIT {

    @Test
    void twoNodesLiveThroughARedisRestart() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (RedisServer redis = RedisServer.start();
                RedisBroker a = node(redis, "r-a");
                RedisBroker b = node(redis, "r-b")) {
            RecordingSession onA = RecordingSession.create("on-a");
            RecordingSession localOnB = RecordingSession.create("local-on-b");
            a.pubSub().subscribe("room", onA);
            b.pubSub().subscribe("room", localOnB);
            BrokerHealthCheck health = BrokerHealthCheck.create(a.pubSub());
            Probes.awaitFlow(b.pubSub(), "room", onA, Duration.ofSeconds(5));
            assertEquals(HealthCheckResponse.Status.UP, health.call().status());
            localOnB.drained();
            records.clear();

            redis.stop();
            Probes.await(Duration.ofSeconds(5), "status down", () -> !a.status().up());
            HealthCheckResponse degraded = health.call();
            assertEquals(HealthCheckResponse.Status.DOWN, degraded.status());
            assertEquals("DEGRADED", degraded.details().get("state"));
            // during the outage: nothing throws, this node's own subscribers still get its broadcasts
            for (int i = 0; i < 100; i++) {
                b.pubSub().broadcast("room", Json.createValue("during " + i));
            }
            assertEquals(100, localOnB.drained().size());
            Thread.sleep(5000); // the outage itself: Redis stays down for 5 s, as a restart takes

            redis.startAgain();
            Probes.await(
                    Duration.ofSeconds(10),
                    "status up",
                    () -> a.status().up() && b.status().up());
            assertEquals(HealthCheckResponse.Status.UP, health.call().status());
            Probes.awaitFlow(b.pubSub(), "room", onA, Duration.ofSeconds(10));
            b.pubSub().broadcast("room", Json.createValue("after"));
            Object got = onA.next();
            assertEquals(new Broadcast("room", Json.createValue("after")), got);

            List<LogRecord> traces =
                    records.stream().filter(r -> r.getThrown() != null).toList();
            assertEquals(List.of(), traces.stream().map(LogRecord::getMessage).toList(), "no stack traces");
            // 100 failed broadcasts and presence rounds: one line; Lettuce's reconnect attempts: its own throttle
            List<String> warnings = records.stream()
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(r -> r.getLoggerName() + ": " + r.getMessage())
                    .toList();
            long ours = warnings.stream()
                    .filter(line -> line.startsWith(RedisPubSubAdapter.class.getName()))
                    .count();
            assertTrue(ours <= 4, "our warnings, once per kind per interval: " + warnings);
            assertTrue(warnings.size() <= 40, "a few warnings, not a flood: " + warnings);
        } finally {
            root.removeHandler(capture);
        }
    }

    private static RedisBroker node(RedisServer redis, String id) {
        return RedisBroker.builder()
                .uri(redis.uri())
                .nodeId(id)
                .commandTimeout(Duration.ofSeconds(5))
                .reconnectMaxDelay(Duration.ofMillis(500))
                .build();
    }
}
