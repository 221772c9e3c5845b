package dev.jsctx.pool;

import jakarta.json.JsonValue;

/**
 * A message from {@link JsContext#send} on its way to the context's {@code host.onMessage} handler. Nobody waits for
 * it: a message the pool cannot deliver is dropped. Counts against its context's bound of messages waiting until
 * its turn.
 */
final class HostMessage extends Work {
    private final PooledContext context;
    private final JsonValue message;

    HostMessage(PooledContext context, JsonValue message) {
        this.context = context;
        this.message = message;
    }

    @Override
    void execute(RuntimeThread thread) {
        context.messageTaken();
        context.lane().deliverMessage(message);
    }

    @Override
    void reject(RuntimeException reason) {
        // The pool is closing: messages to a closed context are dropped.
        context.messageTaken();
    }
}
