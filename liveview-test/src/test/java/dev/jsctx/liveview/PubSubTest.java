package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.test.RecordingSession;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PubSubTest {

    private static JsonValue text(String value) {
        return Json.createValue(value);
    }

    @Test
    void aBroadcastReachesEverySubscriberOfItsTopicInOrder() {
        try (PubSub pubSub = PubSub.inProcess()) {
            RecordingSession a = RecordingSession.create("a");
            RecordingSession b = RecordingSession.create("b");
            RecordingSession other = RecordingSession.create("other");
            pubSub.subscribe("room:1", a);
            pubSub.subscribe("room:1", b);
            pubSub.subscribe("room:2", other);
            for (int i = 0; i < 100; i++) {
                pubSub.broadcast("room:1", Json.createValue(i));
            }
            for (RecordingSession session : List.of(a, b)) {
                List<Object> got = session.drained();
                assertEquals(100, got.size());
                for (int i = 0; i < 100; i++) {
                    assertEquals(new Broadcast("room:1", Json.createValue(i)), got.get(i));
                }
            }
            assertEquals(List.of(), other.drained());
        }
    }

    @Test
    void broadcastFromSkipsTheSender() {
        try (PubSub pubSub = PubSub.inProcess()) {
            RecordingSession sender = RecordingSession.create("sender");
            RecordingSession listener = RecordingSession.create("listener");
            pubSub.subscribe("lobby", sender);
            pubSub.subscribe("lobby", listener);
            pubSub.broadcastFrom(sender, "lobby", text("hi"));
            assertEquals(List.of(new Broadcast("lobby", text("hi"))), listener.drained());
            assertEquals(List.of(), sender.drained());
        }
    }

    @Test
    void aClosedSubscriptionGetsNothingAndTheAdapterFollowsFirstAndLastSubscriber() {
        FakeAdapter adapter = new FakeAdapter();
        try (PubSub pubSub = PubSub.builder().adapter(adapter).build()) {
            RecordingSession a = RecordingSession.create("a");
            RecordingSession b = RecordingSession.create("b");
            PubSub.Subscription first = pubSub.subscribe("t", a);
            PubSub.Subscription second = pubSub.subscribe("t", b);
            first.close();
            first.close();
            pubSub.broadcast("t", text("after"));
            assertEquals(List.of(), a.drained());
            assertEquals(1, b.drained().size());
            second.close();
            assertEquals(List.of("subscribe t", "publish t \"after\"", "unsubscribe t"), adapter.calls);
        }
        assertTrue(adapter.closed);
    }

    @Test
    void messagesFromOtherNodesAreDeliveredAndMalformedOnesDropped() {
        FakeAdapter adapter = new FakeAdapter();
        try (PubSub pubSub = PubSub.builder().adapter(adapter).build()) {
            RecordingSession a = RecordingSession.create("a");
            pubSub.subscribe("t", a);
            adapter.inbound.get().received("t", "{\"n\":1}");
            adapter.inbound.get().received("t", "{not json");
            adapter.inbound.get().received("t", "[2]");
            assertEquals(
                    List.of(
                            new Broadcast(
                                    "t", Json.createObjectBuilder().add("n", 1).build()),
                            new Broadcast("t", Json.createArrayBuilder().add(2).build())),
                    a.drained());
        }
    }

    @Test
    void trackingTabsGetTheCountAndEachChange() throws Exception {
        try (PubSub pubSub =
                PubSub.builder().presenceInterval(Duration.ofMinutes(1)).build()) {
            RecordingSession a = RecordingSession.create("a");
            RecordingSession b = RecordingSession.create("b");
            pubSub.track("room", a);
            assertEquals(new Presence("room", 1), a.next());
            PubSub.Subscription bTracking = pubSub.track("room", b);
            // local changes are pushed at once, not after the (one minute) interval
            assertEquals(new Presence("room", 2), a.next());
            assertEquals(new Presence("room", 2), b.next());
            assertEquals(2, pubSub.presence("room"));
            bTracking.close();
            assertEquals(new Presence("room", 1), a.next());
            assertEquals(List.of(), b.drained());
        }
    }

    @Test
    void presenceTotalsComeFromTheAdapter() throws Exception {
        FakeAdapter adapter = new FakeAdapter();
        adapter.otherNodes = 3;
        try (PubSub pubSub = PubSub.builder()
                .adapter(adapter)
                .presenceInterval(Duration.ofMillis(50))
                .build()) {
            RecordingSession a = RecordingSession.create("a");
            pubSub.track("room", a);
            assertEquals(new Presence("room", 4), a.next());
            adapter.otherNodes = 1;
            assertEquals(new Presence("room", 2), a.next());
        }
    }

    @Test
    void badTopicsAreRefused() {
        try (PubSub pubSub = PubSub.inProcess()) {
            RecordingSession a = RecordingSession.create("a");
            assertThrows(IllegalArgumentException.class, () -> pubSub.subscribe("", a));
            assertThrows(IllegalArgumentException.class, () -> pubSub.subscribe("x".repeat(201), a));
            assertThrows(IllegalArgumentException.class, () -> pubSub.broadcast("a\nb", text("x")));
            assertThrows(IllegalArgumentException.class, () -> pubSub.track("a\u0000", a));
            pubSub.subscribe("x".repeat(200), a);
        }
    }

    /** Records what PubSub asks of an adapter; other nodes add {@link #otherNodes} tabs to each topic. */
    private static final class FakeAdapter implements PubSubAdapter {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicReference<Inbound> inbound = new AtomicReference<>();
        volatile int otherNodes;
        volatile boolean closed;

        @Override
        public void start(Inbound inbound) {
            this.inbound.set(inbound);
        }

        @Override
        public void publish(String topic, String message) {
            calls.add("publish " + topic + " " + message);
        }

        @Override
        public void subscribe(String topic) {
            calls.add("subscribe " + topic);
        }

        @Override
        public void unsubscribe(String topic) {
            calls.add("unsubscribe " + topic);
        }

        @Override
        public Map<String, Integer> presence(Map<String, Integer> local) {
            Map<String, Integer> totals = new java.util.HashMap<>();
            local.forEach((topic, count) -> totals.put(topic, count + otherNodes));
            return totals;
        }

        @Override
        public BrokerStatus status() {
            return new BrokerStatus(true, "fake");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
