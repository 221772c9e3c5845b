package dev.jsctx.liveview;

import java.util.HashMap;
import java.util.Map;

/**
 * Admission limits shared by every socket of one feature: open sockets and joins per client (remote address),
 * live views per token, and live views on the server. A refused socket or join gets a {@link CloseReason} with
 * {@link LiveProtocol#CLOSE_TOO_MANY}; admitted ones are unaffected. Thread-safe (one lock: these are counter
 * updates, once per socket open, join and end).
 */
final class Admission {

    private final LiveViewConfig config;
    private final Map<String, Integer> socketsByClient = new HashMap<>();
    private final Map<String, TokenBucket> joinsByClient = new HashMap<>();
    private final Map<String, Integer> viewsByToken = new HashMap<>();
    private int views;

    Admission(LiveViewConfig config) {
        this.config = config;
    }

    /** A socket opened; its refusal if the client has too many open, else {@code null} (then call {@link #socketClosed}). */
    synchronized CloseReason socketOpened(String client) {
        int open = socketsByClient.getOrDefault(client, 0);
        if (open >= config.maxSocketsPerClient()) {
            return CloseReason.SOCKETS_PER_CLIENT;
        }
        socketsByClient.put(client, open + 1);
        return null;
    }

    synchronized void socketClosed(String client) {
        socketsByClient.computeIfPresent(client, (key, open) -> open <= 1 ? null : open - 1);
    }

    /**
     * A join with a valid token; its refusal, or {@code null} when admitted (then call {@link #viewEnded} once).
     *
     * @param client  the client's address
     * @param tokenId identifies the token (its signature)
     */
    synchronized CloseReason joining(String client, String tokenId) {
        if (!joinTaken(client)) {
            return CloseReason.JOINS_PER_CLIENT;
        }
        int sameToken = viewsByToken.getOrDefault(tokenId, 0);
        if (sameToken >= config.maxViewsPerToken()) {
            return CloseReason.VIEWS_PER_TOKEN;
        }
        if (views >= config.maxViews()) {
            return CloseReason.SERVER_FULL;
        }
        viewsByToken.put(tokenId, sameToken + 1);
        views++;
        return null;
    }

    /**
     * A join that resumes a view still counted (its views are not counted again); its refusal or {@code null}.
     *
     * @param client the client's address
     */
    synchronized CloseReason resuming(String client) {
        return joinTaken(client) ? null : CloseReason.JOINS_PER_CLIENT;
    }

    private boolean joinTaken(String client) {
        long now = System.nanoTime();
        return joinsByClient
                .computeIfAbsent(
                        client,
                        key -> new TokenBucket(
                                config.maxJoinsPerClientPerMinute(), config.maxJoinsPerClientPerMinute() / 60.0, now))
                .tryTake(now);
    }

    synchronized void viewEnded(String tokenId) {
        viewsByToken.computeIfPresent(tokenId, (key, open) -> open <= 1 ? null : open - 1);
        views--;
    }

    /** Forget join buckets that refilled, so the map holds only recently active clients. */
    synchronized void forgetIdle() {
        long now = System.nanoTime();
        joinsByClient.values().removeIf(bucket -> bucket.full(now));
    }

    synchronized int views() {
        return views;
    }
}
