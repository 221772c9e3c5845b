package dev.jsctx.pool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a context may ask of Java, and who hears what it sends: named {@link HostFunction}s and a
 * {@link HostMessageListener}, given to one context when it is opened ({@link ContextPool#open(ContextSpec,
 * HostFunctions)}), so they may close over that context's tab, user or tenant. Immutable; build one with
 * {@link #builder()}. A context opened without them ({@link ContextPool#open(ContextSpec)}) has no host access at all:
 * no {@code host} global.
 *
 * <p>In JavaScript they are one frozen global object, {@code host}:
 * <ul>
 *   <li>{@code host.call(name, ...args)} returns a Promise of an asynchronous function's result. The function runs on
 *       a virtual thread while the runtime thread serves other contexts; the Promise settles on the context's runtime
 *       thread, as work queued there in order with the context's other work (calls, messages, timers). It rejects with
 *       an {@code Error} when the function threw (with the exception's message only), when it ran past its time limit
 *       ({@link Builder#async(String, Duration, HostFunction)}), when the context already has
 *       {@link Builder#maxInFlight} host calls running, or when no asynchronous function has that name.</li>
 *   <li>{@code host.callSync(name, ...args)} returns a synchronous function's result, or throws an {@code Error}
 *       like the above. The function runs on the runtime thread inside the JavaScript call, and its time counts
 *       against that call's time limit: for quick functions only (a lookup in memory, a clock), never for I/O.</li>
 *   <li>{@code host.send(value)} hands a value to the {@link Builder#onMessage listener}, on the runtime thread,
 *       before it returns; it throws an {@code Error} when the opener gave no listener.</li>
 *   <li>{@code host.onMessage(handler)} registers the function that {@link JsContext#send} runs, with the value sent,
 *       on the context's runtime thread, one message at a time in the order sent; {@code null} removes it. A message
 *       arriving while no handler is registered is dropped.</li>
 * </ul>
 * Arguments, results and messages are JSON-P values, under {@link JsContext}'s value rules and limits. The
 * {@code host} object exists from the start, but {@code call}, {@code callSync} and {@code send} throw while the
 * context's scripts load (the context may be a spare made before its opener was known); {@code onMessage} works
 * there. The engine must declare {@link EngineCapability#HOST_FUNCTIONS}.
 *
 * {@snippet :
 * HostFunctions host = HostFunctions.builder()
 *         .async("lookup", args -> catalog.find(args.getString(0)))   // may block: runs on a virtual thread
 *         .sync("now", args -> Json.createValue(clock.millis()))        // quick: runs on the runtime thread
 *         .onMessage((ctx, message) -> view.push(message))
 *         .build();
 * JsContext ctx = pool.open(spec, host);
 * }
 */
public final class HostFunctions {
    /** One registered function. */
    record Entry(String name, HostFunction function, boolean async, Duration timeout) {}

    private final Map<String, Entry> functions;
    private final int maxInFlight;
    private final int maxQueuedMessages;
    private final HostMessageListener listener;

    private HostFunctions(Builder b) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        b.functions.forEach((name, entry) -> entries.put(
                name, entry.timeout() == null ? new Entry(name, entry.function(), entry.async(), b.timeout) : entry));
        this.functions = Map.copyOf(entries);
        this.maxInFlight = b.maxInFlight;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.listener = b.listener;
    }

    /**
     * @return a new builder; builders are not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the names of the functions, asynchronous and synchronous
     */
    public Set<String> names() {
        return functions.keySet();
    }

    /**
     * @return the most asynchronous host calls one context may have running at once
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * @return the most messages from {@link JsContext#send} that may wait for one context's handler; one more is
     *     dropped ({@code send} returns false)
     */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /**
     * @return the listener of {@code host.send}, if one was given
     */
    public Optional<HostMessageListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** The function of that name, or null. */
    Entry entry(String name) {
        return functions.get(name);
    }

    @Override
    public String toString() {
        return "HostFunctions" + functions.keySet() + (listener == null ? "" : "+listener");
    }

    /**
     * Builds {@link HostFunctions}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Entry> functions = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(5);
        private int maxInFlight = 16;
        private int maxQueuedMessages = 1_000;
        private HostMessageListener listener;

        private Builder() {}

        /**
         * Adds an asynchronous function, {@code host.call(name, ...)} in JavaScript, with the default time limit
         * ({@link #timeout}).
         *
         * @param name     its name; one function per name
         * @param function runs on a virtual thread of its own, may block
         * @return this builder
         */
        public Builder async(String name, HostFunction function) {
            return add(name, function, true, null);
        }

        /**
         * Adds an asynchronous function with its own time limit: past it, its Promise rejects and the virtual thread
         * running it is interrupted. The function still counts as in flight ({@link #maxInFlight}) until it returns.
         *
         * @param name     its name; one function per name
         * @param timeout  a positive duration
         * @param function runs on a virtual thread of its own, may block
         * @return this builder
         */
        public Builder async(String name, Duration timeout, HostFunction function) {
            return add(name, function, true, Arguments.positive("timeout", timeout));
        }

        /**
         * Adds a synchronous function, {@code host.callSync(name, ...)} in JavaScript. It runs on the runtime thread
         * and counts against the time limit of the JavaScript that calls it: for quick functions only; it is not
         * interrupted, so a function that blocks holds the runtime thread and every context on it.
         *
         * @param name     its name; one function per name
         * @param function a quick function
         * @return this builder
         */
        public Builder sync(String name, HostFunction function) {
            return add(name, function, false, null);
        }

        /**
         * Sets the time limit of asynchronous functions added without one. If not invoked, 5 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.positive("timeout", timeout);
            return this;
        }

        /**
         * Sets the most asynchronous host calls one context may have running at once; a {@code host.call} beyond
         * it rejects at once. If not invoked, 16.
         *
         * @param calls a positive count
         * @return this builder
         */
        public Builder maxInFlight(int calls) {
            this.maxInFlight = Arguments.atLeast("maxInFlight", calls, 1);
            return this;
        }

        /**
         * Sets the most messages from {@link JsContext#send} that may wait for the context's runtime thread; a
         * message beyond it is dropped at once: {@code send} returns false and the pool counts it
         * ({@link PoolStats#messagesDropped()}). A sender faster than the handler thus loses messages instead of
         * filling the heap. If not invoked, 1,000.
         *
         * @param messages a positive count
         * @return this builder
         */
        public Builder maxQueuedMessages(int messages) {
            this.maxQueuedMessages = Arguments.atLeast("maxQueuedMessages", messages, 1);
            return this;
        }

        /**
         * Sets the listener of {@code host.send}. If not invoked, {@code host.send} throws in JavaScript.
         *
         * @param listener runs on the context's runtime thread, must be quick
         * @return this builder
         */
        public Builder onMessage(HostMessageListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @return the immutable functions
         */
        public HostFunctions build() {
            return new HostFunctions(this);
        }

        private Builder add(String name, HostFunction function, boolean async, Duration ownTimeout) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
            if (functions.containsKey(name)) {
                throw new IllegalArgumentException("A host function named '" + name + "' is already added");
            }
            functions.put(name, new Entry(name, function, async, ownTimeout));
            return this;
        }
    }
}
