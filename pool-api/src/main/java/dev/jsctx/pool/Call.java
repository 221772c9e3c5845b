package dev.jsctx.pool;

import dev.jsctx.pool.spi.Completion;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * One request to a context, in the context's order: a function call, an evaluation, a reset or a memory
 * measurement. The light object a caller parks on; it is also the {@link Completion} the engine completes,
 * so a call allocates nothing else on its way through the pool.
 */
final class Call extends AwaitedWork<Object> implements Completion {
    enum Kind {
        CALL,
        EVAL,
        RESET,
        MEMORY
    }

    final ContextLane lane;
    final Kind kind;
    /** The function's name, or the source to evaluate. */
    final String target;

    final List<JsonValue> args;
    /** When the call was made, for {@link CallObserver}; 0 when nobody observes. */
    final long madeNanos;

    // Runtime-thread state.
    /** True while the engine runs the call synchronously. */
    boolean running;
    /** True once the engine delivered an outcome while running. */
    boolean delivered;

    JsonValue deliveredValue;
    RuntimeException deliveredError;
    long deadlineNanos;
    TimerQueue.Timer expiry;

    Call(ContextLane lane, Kind kind, String target, List<JsonValue> args, boolean observed, boolean async) {
        super(async);
        this.lane = lane;
        this.kind = kind;
        this.target = target;
        this.args = args;
        this.madeNanos = observed ? System.nanoTime() : 0;
    }

    @Override
    void execute(RuntimeThread thread) {
        lane.accept(this);
    }

    @Override
    void reject(RuntimeException reason) {
        failWith(reason);
    }

    @Override
    public void complete(JsonValue value) {
        lane.delivered(this, value == null ? JsonValue.NULL : value, null);
    }

    @Override
    public void fail(RuntimeException error) {
        lane.delivered(
                this,
                null,
                error != null
                        ? error
                        : new JsContextException(
                                "The engine failed a call on '" + lane.label() + "' without saying why"));
    }
}
