package dev.jsctx.pool;

import dev.jsctx.pool.spi.ContextShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a context is made of: its scripts, its API surface, its limits and its label. Immutable; build one with
 * {@link #builder()} and reuse it for every context of the same kind. Contexts opened from equal specs share
 * parsed scripts and spare contexts.
 */
public final class ContextSpec {
    private final List<Script> scripts;
    private final ApiSurface apiSurface;
    private final Duration callTimeout;
    private final FairShare fairShare;
    private final long statementBudget;
    private final String label;
    private final long memoryLimitBytes;
    private final Duration hibernateAfter;

    private ContextSpec(Builder b) {
        this.scripts = List.copyOf(b.scripts);
        this.apiSurface = b.apiSurface;
        this.callTimeout = b.callTimeout;
        this.fairShare = b.fairShare;
        this.statementBudget = b.statementBudget;
        this.label = b.label;
        this.memoryLimitBytes = b.memoryLimitBytes;
        this.hibernateAfter = b.hibernateAfter;
    }

    /**
     * @return a new builder; builders are not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the scripts, loaded in this order into every new or reset context
     */
    public List<Script> scripts() {
        return scripts;
    }

    /**
     * @return the globals beyond ECMAScript
     */
    public ApiSurface apiSurface() {
        return apiSurface;
    }

    /**
     * @return the time limit of each call, or empty to use the pool's {@link PoolConfig#callTimeout()}
     */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /**
     * @return how much of its runtime thread a context may take once it runs into its time limit, or empty to use
     *         the pool's {@link PoolConfig#fairShare()}
     */
    public Optional<FairShare> fairShare() {
        return Optional.ofNullable(fairShare);
    }

    /**
     * @return the most statements one call may execute, or empty for no budget
     */
    public OptionalLong statementBudget() {
        return statementBudget > 0 ? OptionalLong.of(statementBudget) : OptionalLong.empty();
    }

    /**
     * @return the most heap a context of this spec may hold, or empty to use the pool's
     *     {@link PoolConfig#memoryLimitBytes()}
     */
    public OptionalLong memoryLimitBytes() {
        return memoryLimitBytes > 0 ? OptionalLong.of(memoryLimitBytes) : OptionalLong.empty();
    }

    /**
     * @return how long a context of this spec stays idle before it hibernates, or empty to use the pool's
     *     {@link PoolConfig#hibernateAfter()}
     */
    public Optional<Duration> hibernateAfter() {
        return Optional.ofNullable(hibernateAfter);
    }

    /**
     * @return the label used in logs, metrics and statistics
     */
    public String label() {
        return label;
    }

    /**
     * @return whether contexts of this spec and of {@code other} can share parsed scripts and spare contexts
     */
    public boolean sameShape(ContextSpec other) {
        return shape().equals(other.shape());
    }

    /** What the engine sees of this spec, with its own memory limit; equal for specs of the same shape. */
    ContextShape shape() {
        return shape(memoryLimitBytes);
    }

    /** What the engine sees of this spec with the memory limit that applies to it (0 for none). */
    ContextShape shape(long effectiveMemoryLimitBytes) {
        return new ContextShape(scripts, apiSurface, statementBudget, false, effectiveMemoryLimitBytes);
    }

    @Override
    public String toString() {
        return "ContextSpec[" + label + ", " + apiSurface + ", " + scripts + "]";
    }

    /**
     * Builds a {@link ContextSpec}. Not thread-safe.
     */
    public static final class Builder {
        private final List<Script> scripts = new ArrayList<>();
        private ApiSurface apiSurface = ApiSurface.NONE;
        private Duration callTimeout;
        private FairShare fairShare;
        private long statementBudget;
        private String label = "js";
        private long memoryLimitBytes;
        private Duration hibernateAfter;

        private Builder() {}

        /**
         * Adds a script; scripts load in the order they are added. If never invoked, the context starts empty.
         *
         * @param script the script
         * @return this builder
         */
        public Builder addScript(Script script) {
            scripts.add(Objects.requireNonNull(script, "script"));
            return this;
        }

        /**
         * Sets the API surface. If not invoked, {@link ApiSurface#NONE}.
         *
         * @param apiSurface the surface
         * @return this builder
         */
        public Builder apiSurface(ApiSurface apiSurface) {
            this.apiSurface = Objects.requireNonNull(apiSurface, "apiSurface");
            return this;
        }

        /**
         * Sets the time limit of each call on contexts of this spec. If not invoked, the pool's default.
         *
         * @param callTimeout a positive duration
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = Arguments.positive("callTimeout", callTimeout);
            return this;
        }

        /**
         * Sets how much of its runtime thread a context of this spec may take once it runs into its time limit (see
         * {@link FairShare}). If not invoked, the pool's default.
         *
         * @param fairShare the bound, or {@link FairShare#off()}
         * @return this builder
         */
        public Builder fairShare(FairShare fairShare) {
            this.fairShare = Objects.requireNonNull(fairShare, "fairShare");
            return this;
        }

        /**
         * Sets the most statements one call may execute. If not invoked, there is no budget. An engine that cannot
         * count statements refuses such a spec at {@code open} (see
         * {@link EngineCapability#STATEMENT_BUDGET}).
         *
         * @param statements a positive count
         * @return this builder
         */
        public Builder statementBudget(long statements) {
            this.statementBudget = Arguments.atLeast("statementBudget", statements, 1);
            return this;
        }

        /**
         * Sets the most heap one context of this spec may hold, in place of the pool's default (see
         * {@link PoolConfig.Builder#memoryLimit} for how it is enforced). If not invoked, the pool's default.
         * An engine without {@link EngineCapability#MEMORY_LIMIT} refuses such a spec at {@code open}.
         *
         * @param bytes at least 1 MiB (1,048,576)
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            this.memoryLimitBytes = Arguments.atLeast("memoryLimit", bytes, PoolConfig.MIN_MEMORY_LIMIT);
            return this;
        }

        /**
         * Lets contexts of this spec hibernate after this long idle, in place of the pool's default
         * ({@link PoolConfig.Builder#hibernateAfter}). A hibernating context's state is saved by its script's
         * {@code snapshot()}, its engine context is closed, and the next call or message restores it with
         * {@code restore(state)} before it runs; a script without both functions never hibernates (see
         * {@link JsContext} and pool-api/README.md). If not invoked, the pool's default, which is off.
         *
         * @param idle a positive duration
         * @return this builder
         */
        public Builder hibernateAfter(Duration idle) {
            this.hibernateAfter = Arguments.positive("hibernateAfter", idle);
            return this;
        }

        /**
         * Sets the label for logs, metrics and statistics. If not invoked, {@code "js"}.
         *
         * @param label a short name such as {@code "counter"}
         * @return this builder
         */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * @return the immutable spec
         */
        public ContextSpec build() {
            return new ContextSpec(this);
        }
    }
}
