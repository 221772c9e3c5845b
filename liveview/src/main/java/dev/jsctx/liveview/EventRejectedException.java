package dev.jsctx.liveview;

import java.io.Serial;

/**
 * Thrown by {@link LiveView#handleEvent} to refuse one event: the browser gets an error reply with the message,
 * and the view keeps its state and goes on. Any other exception from a callback ends the view.
 */
public class EventRejectedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception whose message the browser shows.
     *
     * @param message why the event was refused; sent to the browser, so keep secrets out of it
     */
    public EventRejectedException(String message) {
        super(message);
    }

    /**
     * The exception for an event the view does not handle.
     *
     * @param name the event name
     * @return the exception
     */
    public static EventRejectedException unknownEvent(String name) {
        return new EventRejectedException("unknown event \"" + name + "\"");
    }
}
