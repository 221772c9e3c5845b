package dev.jsctx.liveview;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Topics that views subscribe to and anything on the server broadcasts JSON values to (Phoenix PubSub's model).
 * A subscribed view gets each message as a {@link Broadcast} in {@link LiveView#handleInfo(Object)}; a view that
 * {@linkplain LiveSession#track tracks} a topic is counted in its presence and gets {@link Presence} messages.
 *
 * {@snippet :
 * PubSub pubSub = PubSub.inProcess(); // or RedisPubSub.create(config.get("liveview.redis")).pubSub()
 * LiveViewFeature live = LiveViewFeature.builder().pubSub(pubSub).view("/", () -> new ChatLive(pubSub)).build();
 * // in ChatLive.mount: session.subscribe("room:lobby");
 * // anywhere:          pubSub.broadcast("room:lobby", Json.createValue("hello"));
 * }
 *
 * <p>Without an adapter ({@link #inProcess()}) a PubSub serves the views of one JVM; with one (such as
 * {@code liveview-redis}'s) broadcasts and presence reach every node that uses the same broker. Delivery to this
 * node's subscribers happens at once, in the caller's thread; the adapter carries the message to the others.
 *
 * <p><b>Guarantees.</b> Thread-safe. Messages broadcast by one thread reach each subscriber in the order they
 * were broadcast (per publisher, not across publishers). Delivery goes through each view's bounded mailbox
 * ({@link LiveSession#send(Object)}): a subscriber that falls behind loses messages (logged once per interval),
 * never the publisher or the other subscribers. Nothing is kept for views that are not subscribed at the time;
 * across nodes, what is broadcast while the broker is unreachable is lost (see the adapter). No method throws
 * because of a broker.
 */
public final class PubSub implements AutoCloseable {

    /** Longest topic name, in chars. */
    public static final int MAX_TOPIC_CHARS = 200;

    private static final System.Logger LOGGER = System.getLogger(PubSub.class.getName());
    /** Presence changes from this node are pushed this soon, coalesced. */
    private static final long LOCAL_PRESENCE_DELAY_MILLIS = 20;

    private final PubSubAdapter adapter;
    private final long presenceIntervalMillis;
    private final Map<String, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** Topics that lost their last local tracker since the last presence round; guarded by trackingLock. */
    private final Set<String> untracked = new HashSet<>();

    private final Object subscriptionLock = new Object();
    private final Object trackingLock = new Object();
    private final AtomicBoolean roundPending = new AtomicBoolean();
    private final RefusalLog inboundLog = new RefusalLog(LOGGER);
    private final RefusalLog presenceLog = new RefusalLog(LOGGER);

    // guarded by trackingLock
    private ScheduledExecutorService presenceTimer;
    private boolean closed;

    private PubSub(Builder builder) {
        this.adapter = builder.adapter;
        this.presenceIntervalMillis = builder.presenceInterval.toMillis();
        if (adapter != null) {
            adapter.start(this::received);
        }
    }

    /**
     * A PubSub for the views of this JVM only.
     *
     * @return a new PubSub
     */
    public static PubSub inProcess() {
        return builder().build();
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
     * Broadcast a message to every subscriber of a topic, on every node.
     *
     * @param topic   the topic
     * @param message the message; any JSON value
     * @throws IllegalArgumentException if the topic is not {@linkplain #checkTopic(String) valid}
     */
    public void broadcast(String topic, JsonValue message) {
        publish(null, topic, message);
    }

    /**
     * Broadcast a message to every subscriber of a topic, on every node, except the subscriptions of
     * {@code sender} (a view telling the others what it did, having shown it already).
     *
     * @param sender  the session whose subscriptions are skipped
     * @param topic   the topic
     * @param message the message; any JSON value
     * @throws IllegalArgumentException if the topic is not {@linkplain #checkTopic(String) valid}
     */
    public void broadcastFrom(LiveSession sender, String topic, JsonValue message) {
        publish(Objects.requireNonNull(sender, "sender"), topic, message);
    }

    /**
     * Subscribe a session to a topic until the returned subscription is closed. Views usually call
     * {@link LiveSession#subscribe(String)}, which closes it when the view ends.
     *
     * @param topic      the topic
     * @param subscriber gets each message as a {@link Broadcast} through {@link LiveSession#send(Object)}
     * @return the subscription; closing it twice is harmless
     * @throws IllegalArgumentException if the topic is not {@linkplain #checkTopic(String) valid}
     */
    public Subscription subscribe(String topic, LiveSession subscriber) {
        checkTopic(topic);
        Subscription subscription = new Subscription(topic, Objects.requireNonNull(subscriber, "subscriber"), false);
        synchronized (subscriptionLock) {
            Set<Subscription> set = subscribers.get(topic);
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                subscribers.put(topic, set);
                if (adapter != null) {
                    adapter.subscribe(topic);
                }
            }
            set.add(subscription);
        }
        return subscription;
    }

    /**
     * Count a session as one tab present in a topic until the returned subscription is closed, and send it
     * {@link Presence} messages: the count soon, then each change. Views usually call
     * {@link LiveSession#track(String)}, which closes it when the view ends.
     *
     * @param topic the topic
     * @param tab   the session to count and inform
     * @return the tracking; closing it twice is harmless
     * @throws IllegalArgumentException if the topic is not {@linkplain #checkTopic(String) valid}
     */
    public Subscription track(String topic, LiveSession tab) {
        checkTopic(topic);
        Subscription tracking = new Subscription(topic, Objects.requireNonNull(tab, "tab"), true);
        synchronized (trackingLock) {
            tracked.computeIfAbsent(topic, t -> new Tracked()).tabs.add(tracking);
            untracked.remove(topic);
            startPresenceTimer();
        }
        presenceSoon();
        return tracking;
    }

    /**
     * The last known number of tabs in a topic on every node, as last pushed to its trackers; 0 for a topic no
     * tab of this node tracks.
     *
     * @param topic the topic
     * @return the count
     */
    public int presence(String topic) {
        Tracked topicTabs = tracked.get(topic);
        return topicTabs == null ? 0 : Math.max(topicTabs.lastTotal, 0);
    }

    /**
     * Whether broadcasts reach other nodes now; always up without an adapter.
     *
     * @return the broker's status
     */
    public BrokerStatus status() {
        return adapter == null ? BrokerStatus.IN_PROCESS : adapter.status();
    }

    /**
     * Stop presence rounds and close the adapter. Subscriptions stay, but receive nothing from other nodes.
     */
    @Override
    public void close() {
        ScheduledExecutorService timer;
        synchronized (trackingLock) {
            if (closed) {
                return;
            }
            closed = true;
            timer = presenceTimer;
            presenceTimer = null;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (adapter != null) {
            adapter.close();
        }
    }

    /**
     * Check a topic name: 1 to {@value #MAX_TOPIC_CHARS} chars, no control characters.
     *
     * @param topic the topic
     * @return the same topic
     * @throws IllegalArgumentException if it is not valid; the message does not repeat the topic
     */
    public static String checkTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_CHARS) {
            throw new IllegalArgumentException("a topic has 1 to " + MAX_TOPIC_CHARS + " chars, not " + topic.length());
        }
        for (int i = 0; i < topic.length(); i++) {
            if (Character.isISOControl(topic.charAt(i))) {
                throw new IllegalArgumentException("a topic has no control characters");
            }
        }
        return topic;
    }

    private void publish(LiveSession sender, String topic, JsonValue message) {
        checkTopic(topic);
        Objects.requireNonNull(message, "message");
        // to the other nodes first: their subscribers need not wait for this node's fan-out
        if (adapter != null) {
            adapter.publish(topic, message.toString());
        }
        deliver(sender, new Broadcast(topic, message));
    }

    private void deliver(LiveSession sender, Broadcast broadcast) {
        Set<Subscription> set = subscribers.get(broadcast.topic());
        if (set != null) {
            for (Subscription subscription : set) {
                if (subscription.session != sender) {
                    subscription.session.send(broadcast);
                }
            }
        }
    }

    /** A message from another node, through the adapter. */
    private void received(String topic, String message) {
        JsonValue value;
        try (JsonReader reader = RenderedJson.PROVIDER.createReader(new StringReader(message))) {
            value = reader.readValue();
        } catch (RuntimeException e) {
            inboundLog.refused(
                    Level.WARNING, () -> "dropped a malformed broadcast on topic " + LogText.quote(topic), null);
            return;
        }
        deliver(null, new Broadcast(topic, value));
    }

    private void unsubscribed(Subscription subscription) {
        synchronized (subscriptionLock) {
            Set<Subscription> set = subscribers.get(subscription.topic);
            if (set != null && set.remove(subscription) && set.isEmpty()) {
                subscribers.remove(subscription.topic);
                if (adapter != null) {
                    adapter.unsubscribe(subscription.topic);
                }
            }
        }
    }

    private void untracked(Subscription tracking) {
        synchronized (trackingLock) {
            Tracked topicTabs = tracked.get(tracking.topic);
            if (topicTabs != null && topicTabs.tabs.remove(tracking) && topicTabs.tabs.isEmpty()) {
                tracked.remove(tracking.topic);
                untracked.add(tracking.topic);
            }
        }
        presenceSoon();
    }

    // guarded by trackingLock
    private void startPresenceTimer() {
        if (presenceTimer == null && !closed) {
            presenceTimer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("jsctx-pubsub-presence").factory());
            presenceTimer.scheduleWithFixedDelay(
                    this::presenceRound, presenceIntervalMillis, presenceIntervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A local change: run a presence round shortly, one for all the changes until then. */
    private void presenceSoon() {
        if (!roundPending.compareAndSet(false, true)) {
            return;
        }
        synchronized (trackingLock) {
            if (presenceTimer == null) {
                roundPending.set(false);
                return;
            }
            try {
                presenceTimer.schedule(this::presenceRound, LOCAL_PRESENCE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                roundPending.set(false); // closed
            }
        }
    }

    /** Report local counts, read totals, push changed totals; on the presence timer's one thread. */
    private void presenceRound() {
        roundPending.set(false);
        Map<String, Integer> local = new HashMap<>();
        synchronized (trackingLock) {
            tracked.forEach((topic, topicTabs) -> local.put(topic, topicTabs.tabs.size()));
            untracked.forEach(topic -> local.put(topic, 0));
            untracked.clear();
        }
        Map<String, Integer> totals = local;
        if (adapter != null && !local.isEmpty()) {
            try {
                totals = adapter.presence(Map.copyOf(local));
            } catch (RuntimeException e) {
                presenceLog.refused(Level.WARNING, () -> "presence round failed: " + LogText.quote(e), null);
            }
        }
        for (Map.Entry<String, Tracked> entry : tracked.entrySet()) {
            String topic = entry.getKey();
            Tracked topicTabs = entry.getValue();
            Integer total = totals.get(topic);
            int tabs = Math.max(total == null ? topicTabs.tabs.size() : total, topicTabs.tabs.size());
            boolean changed = tabs != topicTabs.lastTotal;
            topicTabs.lastTotal = tabs;
            Presence presence = new Presence(topic, tabs);
            for (Subscription tracking : topicTabs.tabs) {
                if (changed || !tracking.informed) {
                    tracking.informed = tracking.session.send(presence);
                }
            }
        }
    }

    /** The tabs of this node that track one topic. */
    private static final class Tracked {
        final Set<Subscription> tabs = ConcurrentHashMap.newKeySet();
        /** The total last pushed; -1 before the first round; only written by the presence timer. */
        volatile int lastTotal = -1;
    }

    /**
     * A session's subscription to a topic (or its presence in it), until closed. Thread-safe.
     */
    public final class Subscription implements AutoCloseable {
        private final String topic;
        private final LiveSession session;
        private final boolean presence;
        private final AtomicBoolean open = new AtomicBoolean(true);
        /** Whether this tab got a count since it started tracking; only the presence timer touches it. */
        private volatile boolean informed;

        private Subscription(String topic, LiveSession session, boolean presence) {
            this.topic = topic;
            this.session = session;
            this.presence = presence;
        }

        /**
         * The topic.
         *
         * @return the topic
         */
        public String topic() {
            return topic;
        }

        /** End the subscription; no message reaches the session through it afterwards. Idempotent. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                if (presence) {
                    untracked(this);
                } else {
                    unsubscribed(this);
                }
            }
        }

        @Override
        public String toString() {
            return (presence ? "Presence[" : "Subscription[") + LogText.quote(topic) + " of " + session.id() + "]";
        }
    }

    /** Builder of {@link PubSub}; not thread-safe. */
    public static final class Builder implements io.helidon.common.Builder<Builder, PubSub> {
        private PubSubAdapter adapter;
        private Duration presenceInterval = Duration.ofSeconds(1);

        private Builder() {}

        /**
         * Carry broadcasts and presence to other nodes through this adapter; the PubSub starts it and closes
         * it. Default: none, one node.
         *
         * @param adapter the adapter, such as {@code liveview-redis}'s
         * @return this builder
         */
        public Builder adapter(PubSubAdapter adapter) {
            this.adapter = Objects.requireNonNull(adapter, "adapter");
            return this;
        }

        /**
         * How often presence counts are exchanged with the other nodes (and refreshed in the broker). Changes on
         * this node are pushed within a few milliseconds; changes on others within about one interval.
         * Default 1 s.
         *
         * @param interval the interval, at least 10 ms
         * @return this builder
         */
        public Builder presenceInterval(Duration interval) {
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("presence interval must be at least 10 ms: " + interval);
            }
            this.presenceInterval = interval;
            return this;
        }

        @Override
        public PubSub build() {
            return new PubSub(this);
        }
    }
}
