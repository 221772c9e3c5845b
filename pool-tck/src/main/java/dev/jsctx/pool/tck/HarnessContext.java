package dev.jsctx.pool.tck;

import dev.jsctx.pool.spi.EngineContext;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * One engine context of an {@link EngineHarness}, with one-line requests; each runs on the harness's runtime
 * thread.
 */
public final class HarnessContext {
    private final EngineHarness harness;
    private final EngineContext context;
    private final TestHost host;
    private boolean closed;

    HarnessContext(EngineHarness harness, EngineContext context, TestHost host) {
        this.harness = harness;
        this.context = context;
        this.host = host;
    }

    /** @return the engine context, for what the harness does not wrap; use it on the runtime thread only */
    public EngineContext engineContext() {
        return context;
    }

    /** @return the context's host: its virtual-clock timers, what it logged, whether it died */
    public TestHost host() {
        return host;
    }

    /**
     * Calls a global function on the runtime thread and waits until the engine returns from
     * {@link EngineContext#call}; a Promise may complete the outcome later.
     *
     * @param function the function's name
     * @param args     the arguments
     * @return the call's outcome
     */
    public Outcome call(String function, JsonValue... args) {
        Outcome outcome = new Outcome(harness.runtimeThread());
        harness.run(() -> context.call(function, List.of(args), outcome));
        return outcome;
    }

    /**
     * Starts a call on the runtime thread without waiting for it, for example to interrupt it.
     *
     * @param function the function's name
     * @param args     the arguments
     * @return the call's outcome
     */
    public Outcome startCall(String function, JsonValue... args) {
        Outcome outcome = new Outcome(harness.runtimeThread());
        harness.start(() -> context.call(function, List.of(args), outcome));
        return outcome;
    }

    /**
     * Starts an evaluation on the runtime thread without waiting for it, for example to interrupt it.
     *
     * @param source JavaScript
     * @return the outcome
     */
    public Outcome startEval(String source) {
        Outcome outcome = new Outcome(harness.runtimeThread());
        harness.start(() -> context.eval(source, outcome));
        return outcome;
    }

    /**
     * Evaluates a script on the runtime thread, like {@link #call}.
     *
     * @param source JavaScript
     * @return the outcome
     */
    public Outcome eval(String source) {
        Outcome outcome = new Outcome(harness.runtimeThread());
        harness.run(() -> context.eval(source, outcome));
        return outcome;
    }

    /**
     * @param source JavaScript
     * @return its completion value; the test fails if it threw
     */
    public JsonValue value(String source) {
        return eval(source).value();
    }

    /** Interrupts the running call, from the calling thread, as the pool's watchdog does. */
    public void interrupt() {
        context.interrupt();
    }

    /** @return the engine's measurement, taken on the runtime thread */
    public long memoryBytes() {
        return harness.on(context::memoryBytes);
    }

    /** @return how many timer tasks ran: every one due, on the virtual clock, on the runtime thread */
    public int runTasks() {
        return harness.on(host::runTasks);
    }

    /** Closes the engine context on the runtime thread; idempotent. */
    public void close() {
        if (!closed) {
            closed = true;
            harness.run(context::close);
        }
    }
}
