package dev.jsctx.liveview.client;

/**
 * A live client's request failed: the server answered an HTTP request with an error status, a WebSocket could
 * not be opened, the connection closed before a reply, or no reply came in time. An error <em>reply</em> from
 * the server is no exception: it is a {@link LiveReply} with {@link LiveReply#ok()} false.
 */
public class LiveClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for a person
     */
    public LiveClientException(String message) {
        super(message);
    }

    /**
     * @param message what failed, for a person
     * @param cause   the underlying failure, such as a {@link java.net.http.WebSocketHandshakeException}
     */
    public LiveClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
