package dev.jsctx.liveview;

import java.util.Map;

/**
 * Carries broadcasts and presence counts between the nodes of a cluster, for {@link PubSub}. {@code PubSub}
 * itself delivers to the subscribers on its own node; an adapter only carries messages to and from the others,
 * and must not hand a node its own messages back. {@code liveview-redis} has one on Redis; with no adapter
 * ({@link PubSub#inProcess()}) a PubSub serves one node.
 *
 * <p>Methods are called from any thread, concurrently, and must be thread-safe. A broker outage must never throw
 * out of {@link #publish} or {@link #subscribe}: the adapter drops what it cannot send, logs it at most once per
 * interval, reports it in {@link #status()}, and subscribes again when the broker is back.
 */
public interface PubSubAdapter extends AutoCloseable {

    /**
     * Start, handing messages from other nodes to {@code inbound}. Called once, before any other method.
     *
     * @param inbound where messages from other nodes go; thread-safe, returns quickly, never throws
     */
    void start(Inbound inbound);

    /**
     * Send a message to the other nodes' subscribers of a topic. Messages published by one thread arrive at
     * each other node in the order they were published. Returns without waiting for the broker.
     *
     * @param topic   the topic
     * @param message a JSON value, as text
     */
    void publish(String topic, String message);

    /**
     * Start receiving a topic: this node got its first subscriber of it. Calls for one topic come in order.
     *
     * @param topic the topic
     */
    void subscribe(String topic);

    /**
     * Stop receiving a topic: this node's last subscriber of it left.
     *
     * @param topic the topic
     */
    void unsubscribe(String topic);

    /**
     * Report this node's presence counts and read the totals of all nodes. Called every presence interval on
     * one thread of {@code PubSub}; may block for a short while. A topic whose local count became 0 is passed
     * with 0 once, then no longer.
     *
     * @param local this node's count of tracking tabs per topic
     * @return the total count per topic of {@code local}, over every node; when the broker cannot be reached,
     *         the last totals known (or {@code local})
     */
    Map<String, Integer> presence(Map<String, Integer> local);

    /**
     * Whether the broker can be reached now.
     *
     * @return the status
     */
    BrokerStatus status();

    /** Unsubscribe, withdraw this node's presence, and close the connection. */
    @Override
    void close();

    /** Where an adapter hands the messages it received from other nodes. */
    @FunctionalInterface
    interface Inbound {
        /**
         * A message from another node.
         *
         * @param topic   the topic
         * @param message the JSON value as text; a malformed one is dropped (and logged once per interval)
         */
        void received(String topic, String message);
    }
}
