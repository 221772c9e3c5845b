package dev.jsctx.liveview;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every socket of one {@link LiveViewFeature} shares: config, routes, token signing, the open sockets, and
 * the heartbeat sweeper that closes sockets gone silent.
 */
final class LiveRuntime {

    private final LiveViewConfig config;
    private final Map<String, Supplier<? extends LiveView>> routes;
    private final JoinTokens tokens;
    private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
    private final long heartbeatTimeoutNanos;
    private ScheduledExecutorService sweeper;

    LiveRuntime(LiveViewConfig config, Map<String, Supplier<? extends LiveView>> routes, Clock clock) {
        this.config = config;
        this.routes = Map.copyOf(routes);
        this.tokens = new JoinTokens(config.secret(), config.tokenTtl(), clock);
        this.heartbeatTimeoutNanos = config.heartbeatInterval().toNanos() * 2;
    }

    LiveViewConfig config() {
        return config;
    }

    JoinTokens tokens() {
        return tokens;
    }

    Supplier<? extends LiveView> route(String path) {
        return routes.get(path);
    }

    Set<String> paths() {
        return routes.keySet();
    }

    void opened(LiveSocket socket) {
        sockets.add(socket);
    }

    void closed(LiveSocket socket) {
        sockets.remove(socket);
    }

    synchronized void start() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("jsctx-liveview-heartbeat").factory());
        long period = config.heartbeatInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** The server stops: end every view, closing what it owns. */
    synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        for (LiveSocket socket : sockets) {
            socket.serverStopped();
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (LiveSocket socket : sockets) {
            if (now - socket.lastSeenNanos() > heartbeatTimeoutNanos) {
                // ending a view waits for its running callback: never on the sweeper's thread
                Thread.ofVirtual().name("jsctx-liveview-expire").start(socket::heartbeatMissed);
            }
        }
    }
}
