package dev.jsctx.liveview.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.Broadcast;
import dev.jsctx.liveview.Presence;
import dev.jsctx.liveview.PubSub;
import dev.jsctx.liveview.test.RecordingSession;
import dev.jsctx.liveview.test.RedisServer;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes on one real Redis: broadcasts, presence and parked state cross between them. */
class RedisBrokerIT {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisBroker node(String id) {
        return RedisBroker.builder()
                .uri(redis.uri())
                .nodeId(id)
                .commandTimeout(Duration.ofSeconds(5))
                .presenceInterval(Duration.ofMillis(100))
                .build();
    }

    @Test
    void aBroadcastReachesTheOtherNodeInOrderAndItsOwnNodeOnce() throws Exception {
        try (RedisBroker a = node("a");
                RedisBroker b = node("b")) {
            RecordingSession onA = RecordingSession.create("on-a");
            RecordingSession onB = RecordingSession.create("on-b");
            a.pubSub().subscribe("room", onA);
            b.pubSub().subscribe("room", onB);
            Probes.awaitFlow(a.pubSub(), "room", onB, Duration.ofSeconds(5));
            onA.drained(); // a's probes, delivered locally
            Probes.awaitFlow(b.pubSub(), "room", onA, Duration.ofSeconds(5));
            onB.drained();

            for (int i = 0; i < 200; i++) {
                a.pubSub().broadcast("room", Json.createValue(i));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(new Broadcast("room", Json.createValue(i)), onB.next());
            }
            // b answers after it got all 200: once a has the answer, any echo of a's own messages would be there too
            b.pubSub().broadcast("room", Json.createValue("done"));
            List<Object> onANode = new java.util.ArrayList<>();
            Object got;
            while (!((got = onA.next()) instanceof Broadcast broadcast
                    && broadcast.message().equals(Json.createValue("done")))) {
                onANode.add(got);
            }
            assertEquals(200, onANode.size(), "a node hears its own broadcasts once");
            for (int i = 0; i < 200; i++) {
                assertEquals(new Broadcast("room", Json.createValue(i)), onANode.get(i));
            }
        }
    }

    @Test
    void presenceCountsTheTabsOfEveryNode() throws Exception {
        try (RedisBroker a = node("p-a");
                RedisBroker b = node("p-b")) {
            RecordingSession onA = RecordingSession.create("on-a");
            a.pubSub().track("hall", onA);
            PubSub.Subscription first = b.pubSub().track("hall", RecordingSession.create("b1"));
            b.pubSub().track("hall", RecordingSession.create("b2"));
            awaitPresence(onA, 3);
            assertEquals(3, a.pubSub().presence("hall"));
            first.close();
            awaitPresence(onA, 2);
        }
    }

    @Test
    void aNodeThatStopsLeavesThePresenceCount() throws Exception {
        try (RedisBroker a = node("q-a")) {
            RecordingSession onA = RecordingSession.create("on-a");
            a.pubSub().track("hall2", onA);
            RedisBroker b = node("q-b");
            b.pubSub().track("hall2", RecordingSession.create("b1"));
            awaitPresence(onA, 2);
            b.close();
            awaitPresence(onA, 1);
        }
    }

    @Test
    void aStateParkedOnOneNodeIsTakenOnceOnAnother() throws Exception {
        try (RedisBroker a = node("s-a");
                RedisBroker b = node("s-b")) {
            JsonValue state = Json.createObjectBuilder().add("count", 7).build();
            a.parkStore().park("tab-1", state);
            assertEquals(Optional.of(state), b.parkStore().take("tab-1"));
            assertEquals(Optional.empty(), a.parkStore().take("tab-1"));
        }
    }

    @Test
    void aParkedStateExpires() throws Exception {
        try (RedisBroker a = RedisBroker.builder()
                .uri(redis.uri())
                .parkTtl(Duration.ofMillis(100))
                .build()) {
            a.parkStore().park("tab-2", Json.createValue(1));
            Probes.await(
                    Duration.ofSeconds(5),
                    "expiry",
                    () -> a.parkStore().take("tab-2").isEmpty());
            assertTrue(a.status().up(), a.status().toString());
        }
    }

    private static void awaitPresence(RecordingSession tab, int tabs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Object got = tab.poll(Duration.ofSeconds(1)).orElse(null);
            if (got instanceof Presence presence && presence.tabs() == tabs) {
                return;
            }
        }
        throw new AssertionError("presence did not reach " + tabs + " within 5 s");
    }
}
