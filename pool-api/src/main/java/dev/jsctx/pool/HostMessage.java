package dev.jsctx.pool;

import jakarta.json.JsonValue;

/**
 * A message from {@link JsContext#send} on its way to the context's {@code host.onMessage} handler. Nobody waits for
 * it: a message the pool cannot deliver is dropped.
 */
final class HostMessage extends Work {
    private final ContextLane lane;
    private final JsonValue message;

    HostMessage(ContextLane lane, JsonValue message) {
        this.lane = lane;
        this.message = message;
    }

    @Override
    void execute(RuntimeThread thread) {
        lane.deliverMessage(message);
    }

    @Override
    void reject(RuntimeException reason) {
        // The pool is closing: messages to a closed context are dropped.
    }
}
