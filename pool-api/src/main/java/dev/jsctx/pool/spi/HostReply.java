package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;

/**
 * How an engine settles the Promise of one {@code host.call} ({@link ContextHost#callHost}). Made by the engine, settled
 * by the pool at most once, on the runtime thread, outside any call and under the context's time limit; the engine
 * then runs the microtasks the settlement queued (the reactions to the Promise), as after a call. Like a timer task,
 * what those reactions throw is logged to {@link ContextHost#scriptLogger()}, not thrown.
 */
public interface HostReply {
    /**
     * Fulfils the Promise.
     *
     * @param value the function's result; a value that cannot be converted rejects the Promise instead, with the
     *     conversion's message
     */
    void resolve(JsonValue value);

    /**
     * Rejects the Promise with a JavaScript {@code Error} of that message.
     *
     * @param message the message, for example the Java exception's
     */
    void reject(String message);
}
