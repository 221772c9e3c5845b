package dev.jsctx.pool;

import dev.jsctx.pool.spi.JsEngineProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a {@link ContextPool} is built: its runtime threads, its engine and its limits. Immutable; build one
 * with {@link #builder()}.
 */
public final class PoolConfig {
    /** The smallest memory limit: a context's own built-ins take hundreds of kilobytes. */
    static final long MIN_MEMORY_LIMIT = 1L << 20;

    private final int threads;
    private final String engine;
    private final JsEngineProvider engineProvider;
    private final int maxContexts;
    private final Duration callTimeout;
    private final FairShare fairShare;
    private final int sparesPerSpec;
    private final int maxQueuedCallsPerContext;
    private final Duration closeTimeout;
    private final CallObserver callObserver;
    private final Map<String, String> engineOptions;
    private final long memoryLimitBytes;
    private final BrowserLimits browserLimits;
    private final Duration hibernateAfter;

    private PoolConfig(Builder b) {
        this.threads = b.threads;
        this.engine = b.engine;
        this.engineProvider = b.engineProvider;
        this.maxContexts = b.maxContexts;
        this.callTimeout = b.callTimeout;
        this.fairShare = b.fairShare;
        this.sparesPerSpec = b.sparesPerSpec;
        this.maxQueuedCallsPerContext = b.maxQueuedCallsPerContext;
        this.closeTimeout = b.closeTimeout;
        this.callObserver = b.callObserver;
        this.engineOptions = Map.copyOf(b.engineOptions);
        this.memoryLimitBytes = b.memoryLimitBytes;
        this.browserLimits = b.browserLimits;
        this.hibernateAfter = b.hibernateAfter;
    }

    /**
     * @return a new builder; builders are not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the configuration with every default
     */
    public static PoolConfig defaults() {
        return builder().build();
    }

    /** @return the number of runtime threads */
    public int threads() {
        return threads;
    }

    /** @return the engine's name, or empty to use the only engine on the class path */
    public Optional<String> engine() {
        return engineProvider != null ? Optional.of(engineProvider.name()) : Optional.ofNullable(engine);
    }

    /** @return the engine given as an instance, which the pool uses without looking for engines */
    public Optional<JsEngineProvider> engineProvider() {
        return Optional.ofNullable(engineProvider);
    }

    /** @return the most contexts open at once */
    public int maxContexts() {
        return maxContexts;
    }

    /** @return the default time limit of a call */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** @return how much of its runtime thread a context may take once it runs into its time limit, by default */
    public FairShare fairShare() {
        return fairShare;
    }

    /** @return how many ready-made contexts to keep per runtime thread for each spec shape that was opened */
    public int sparesPerSpec() {
        return sparesPerSpec;
    }

    /** @return the most calls waiting on one context before new calls are refused */
    public int maxQueuedCallsPerContext() {
        return maxQueuedCallsPerContext;
    }

    /** @return how long {@link ContextPool#close()} waits for its threads */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** @return the observer told of every finished call */
    public CallObserver callObserver() {
        return callObserver;
    }

    /** @return engine-specific options, passed to the engine unchanged */
    public Map<String, String> engineOptions() {
        return engineOptions;
    }

    /**
     * @return the memory limit of every context whose spec sets none ({@link ContextSpec#memoryLimitBytes()}), or
     *     empty for no limit
     */
    public OptionalLong memoryLimitBytes() {
        return memoryLimitBytes > 0 ? OptionalLong.of(memoryLimitBytes) : OptionalLong.empty();
    }

    /** @return the bounds of every context's timers and log output */
    public BrowserLimits browserLimits() {
        return browserLimits;
    }

    /**
     * @return how long a context whose spec sets no time of its own ({@link ContextSpec#hibernateAfter()}) stays
     *     idle before it hibernates, or empty for never
     */
    public Optional<Duration> hibernateAfter() {
        return Optional.ofNullable(hibernateAfter);
    }

    @Override
    public String toString() {
        return "PoolConfig[threads=" + threads + ", engine=" + engine().orElse("(only one)")
                + ", maxContexts=" + maxContexts + ", callTimeout=" + callTimeout + ", fairShare=" + fairShare
                + ", sparesPerSpec=" + sparesPerSpec
                + (memoryLimitBytes > 0 ? ", memoryLimitBytes=" + memoryLimitBytes : "")
                + (hibernateAfter != null ? ", hibernateAfter=" + hibernateAfter : "") + "]";
    }

    /**
     * Builds a {@link PoolConfig}. Not thread-safe.
     */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private String engine;
        private JsEngineProvider engineProvider;
        private int maxContexts = 100_000;
        private Duration callTimeout = Duration.ofSeconds(5);
        private FairShare fairShare = FairShare.defaults();
        private int sparesPerSpec = 2;
        private int maxQueuedCallsPerContext = 1_000;
        private Duration closeTimeout = Duration.ofSeconds(5);
        private CallObserver callObserver = CallObserver.NONE;
        private final Map<String, String> engineOptions = new LinkedHashMap<>();
        private long memoryLimitBytes;
        private BrowserLimits browserLimits = BrowserLimits.defaults();
        private Duration hibernateAfter;

        private Builder() {}

        /**
         * Sets the number of runtime threads. If not invoked, the number of available processors.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = Arguments.atLeast("threads", threads, 1);
            return this;
        }

        /**
         * Chooses the engine by name (see {@link dev.jsctx.pool.spi.JsEngineProvider#name()}). If not invoked,
         * the system property {@code jsctx.engine} names it, and without that the only engine on the class path
         * is used.
         *
         * @param name the engine's name, for example {@code "graal"}
         * @return this builder
         */
        public Builder engine(String name) {
            this.engine = Objects.requireNonNull(name, "name");
            this.engineProvider = null;
            return this;
        }

        /**
         * Uses this engine instance, without looking for engines on the class path: for tests (a fake engine with
         * state of its own) and for engines that are not registered with {@link java.util.ServiceLoader}. Replaces
         * {@link #engine(String)}. If not invoked, the engine is found by name.
         *
         * @param provider the engine
         * @return this builder
         */
        public Builder engine(JsEngineProvider provider) {
            this.engineProvider = Objects.requireNonNull(provider, "provider");
            this.engine = null;
            return this;
        }

        /**
         * Sets the most contexts open at once; {@code open} beyond it fails with {@link PoolFullException}.
         * If not invoked, 100,000.
         *
         * @param maxContexts at least 1
         * @return this builder
         */
        public Builder maxContexts(int maxContexts) {
            this.maxContexts = Arguments.atLeast("maxContexts", maxContexts, 1);
            return this;
        }

        /**
         * Sets the default time limit of a call. If not invoked, 5 seconds.
         *
         * @param callTimeout a positive duration
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = Arguments.positive("callTimeout", callTimeout);
            return this;
        }

        /**
         * Sets how much of its runtime thread a context may take once it runs into its time limit, unless its spec
         * sets its own ({@link ContextSpec.Builder#fairShare}): this bounds how long a context that keeps running
         * into its limit delays the other contexts on its thread. If not invoked, {@link FairShare#defaults()}.
         *
         * @param fairShare the bound, or {@link FairShare#off()}
         * @return this builder
         */
        public Builder fairShare(FairShare fairShare) {
            this.fairShare = Objects.requireNonNull(fairShare, "fairShare");
            return this;
        }

        /**
         * Sets how many ready-made contexts each runtime thread keeps for each spec shape it has opened, so
         * {@code open} rarely waits for a context to be built. If not invoked, 2; 0 turns spares off.
         *
         * @param spares zero or more
         * @return this builder
         */
        public Builder sparesPerSpec(int spares) {
            this.sparesPerSpec = Arguments.atLeast("sparesPerSpec", spares, 0);
            return this;
        }

        /**
         * Sets the most calls that may wait on one context; more fail with {@link CallQueueFullException}.
         * If not invoked, 1,000.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxQueuedCallsPerContext(int max) {
            this.maxQueuedCallsPerContext = Arguments.atLeast("maxQueuedCallsPerContext", max, 1);
            return this;
        }

        /**
         * Sets how long {@link ContextPool#close()} waits for its runtime threads to stop. If not invoked,
         * 5 seconds.
         *
         * @param closeTimeout a positive duration
         * @return this builder
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Arguments.positive("closeTimeout", closeTimeout);
            return this;
        }

        /**
         * Sets the observer told of every finished call, for metrics. If not invoked, none.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder callObserver(CallObserver observer) {
            this.callObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Sets the default memory limit of a context: the most heap one context may hold. A spec may set its own
         * ({@link ContextSpec.Builder#memoryLimit}). If not invoked, contexts have no limit.
         *
         * <p>While a call runs, the pool's memory guard thread watches how much the call's runtime thread
         * allocates; each time it has allocated half the limit since the last look, the engine measures the heap
         * the context retains (the running call's objects included). Past the limit, the call is interrupted and
         * fails with {@link MemoryLimitExceededException}, and the context is closed, freeing its heap. The same
         * measurement is made when a call that allocated that much returns. It is a bound on retained heap, not
         * on allocation: a call may allocate and drop far more than the limit. It is best effort: a context may
         * briefly exceed its limit by what it allocates between two looks (about 5 ms), and one allocation larger
         * than the JVM's free heap is refused by the engine's own length limits, not by the guard. An engine
         * without {@link EngineCapability#MEMORY_LIMIT} refuses contexts with a limit at {@code open}.
         *
         * @param bytes at least 1 MiB (1,048,576)
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            this.memoryLimitBytes = Arguments.atLeast("memoryLimit", bytes, MIN_MEMORY_LIMIT);
            return this;
        }

        /**
         * Sets one engine-specific option; the engine documents which it reads. If not invoked, none.
         *
         * @param key   the option's name
         * @param value its value
         * @return this builder
         */
        public Builder engineOption(String key, String value) {
            engineOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the bounds of every context's timers and log output (see {@link BrowserLimits}). If not invoked,
         * {@link BrowserLimits#defaults()}.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder browserLimits(BrowserLimits limits) {
            this.browserLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Lets every context whose spec sets no time of its own ({@link ContextSpec.Builder#hibernateAfter})
         * hibernate after this long idle: no call or message for that long, no timer pending, no host call in flight
         * and no call awaiting a Promise. Only a context whose script defines the global functions
         * {@code snapshot()} (returning its state as JSON) and {@code restore(state)} hibernates: its runtime thread
         * calls {@code snapshot()}, keeps the state and closes the engine context, freeing its heap. The
         * {@link JsContext} stays open; its next call or message first takes a new engine context (a spare when one
         * is ready), calls {@code restore(state)}, then runs. If not invoked, contexts never hibernate.
         *
         * @param idle a positive duration
         * @return this builder
         */
        public Builder hibernateAfter(Duration idle) {
            this.hibernateAfter = Arguments.positive("hibernateAfter", idle);
            return this;
        }

        /**
         * @return the immutable configuration
         */
        public PoolConfig build() {
            return new PoolConfig(this);
        }
    }
}
