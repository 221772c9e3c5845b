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
 * the sweeper that ends views of dropped connections and closes sockets gone silent.
 */
final class LiveRuntime {

    private static final long SWEEP_MILLIS = 1000;

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
        // often enough to notice dropped connections soon, which Helidon does not report to the listener
        long period = Math.min(config.heartbeatInterval().toMillis(), SWEEP_MILLIS);
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
        // ending a view waits for its running callback: never on the sweeper's thread
        for (LiveSocket socket : sockets) {
            if (!socket.connectionAlive() && sockets.remove(socket)) {
                Thread.ofVirtual().name("jsctx-liveview-dropped").start(socket::connectionDropped);
            } else if (now - socket.lastSeenNanos() > heartbeatTimeoutNanos && sockets.remove(socket)) {
                Thread.ofVirtual().name("jsctx-liveview-expire").start(socket::heartbeatMissed);
            }
        }
    }
}
