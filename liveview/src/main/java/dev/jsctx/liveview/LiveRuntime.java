package dev.jsctx.liveview;

import io.helidon.Main;
import io.helidon.spi.HelidonShutdownHandler;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every socket of one {@link LiveViewFeature} shares: config, routes, token signing, admission limits, the
 * origin check, the open sockets, the PubSub and park store of their views, and the sweeper that ends views of
 * dropped connections, closes sockets gone silent and drops sockets whose writes stall.
 */
final class LiveRuntime {

    private static final long SWEEP_MILLIS = 1000;

    private final LiveViewConfig config;
    private final Routes routes;
    private final JoinTokens tokens;
    private final Admission admission;
    private final ResumableViews resumable;
    private final Origins origins;
    private final FailureLog failures = new FailureLog();
    private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
    private final long heartbeatTimeoutNanos;
    private final long writeTimeoutNanos;
    private final ViewServices viewServices;
    /** Whether {@link #stop()} closes the PubSub: only the default one, which the application never saw. */
    private final boolean ownsPubSub;
    /** On SIGTERM: park and close every view, then stop the server (see {@link LiveViewFeature#drain()}). */
    private final HelidonShutdownHandler onShutdown = this::drainAndStopServer;

    private volatile ScheduledExecutorService sweeper;
    private volatile WebServer server;

    LiveRuntime(
            LiveViewConfig config,
            Map<String, Supplier<? extends LiveView>> routes,
            Clock clock,
            PubSub pubSub,
            ParkStore parkStore) {
        this.config = config;
        this.routes = Routes.of(routes);
        this.tokens = new JoinTokens(config.secret(), config.tokenTtl(), config.tokenMaxLifetime(), clock);
        this.admission = new Admission(config);
        this.resumable = new ResumableViews(config, admission);
        this.origins = new Origins(config.allowedOrigins());
        this.heartbeatTimeoutNanos = config.heartbeatInterval().toNanos() * 2;
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        this.ownsPubSub = pubSub == null;
        this.viewServices = new ViewServices(
                ownsPubSub ? PubSub.inProcess() : pubSub,
                parkStore,
                new RefusalLog(System.getLogger(ParkStore.class.getName())));
    }

    ViewServices viewServices() {
        return viewServices;
    }

    Admission admission() {
        return admission;
    }

    /** Joined views waiting for their tab to come back after the connection went away. */
    ResumableViews resumable() {
        return resumable;
    }

    /** Where failures of views' callbacks are logged, at most once per route and callback per interval. */
    FailureLog failures() {
        return failures;
    }

    Origins origins() {
        return origins;
    }

    /** Run a short, non-blocking task later on the sweeper's thread; skipped once the server stopped. */
    void later(long delayMillis, Runnable task) {
        ScheduledExecutorService scheduler = sweeper;
        if (scheduler != null) {
            try {
                scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping: the server closes its connections itself
            }
        }
    }

    LiveViewConfig config() {
        return config;
    }

    JoinTokens tokens() {
        return tokens;
    }

    Routes routes() {
        return routes;
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
        sweeper.scheduleWithFixedDelay(
                new Housekeeping("live-view sweeper", this::sweep), period, period, TimeUnit.MILLISECONDS);
        Main.addShutdownHandler(onShutdown);
    }

    void started(WebServer webServer) {
        this.server = webServer;
    }

    /** Every view parks its state and ends, closing what it owns, then its socket is closed with 1001. */
    void drain() {
        for (LiveSocket socket : sockets) {
            socket.serverStopped();
        }
    }

    private void drainAndStopServer() {
        drain();
        WebServer webServer = server;
        if (webServer != null) {
            webServer.stop();
        }
    }

    /** The server stopped: end the views left (Helidon has closed their connections already). */
    synchronized void stop() {
        ScheduledExecutorService scheduler = sweeper;
        sweeper = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
            // Not on this thread: during a JVM shutdown Helidon's hook holds the lock removeShutdownHandler takes
            // while our handler waits for WebServer.stop(), which may be the very call that brought us here.
            Thread.ofVirtual().name("jsctx-liveview-unhook").start(() -> Main.removeShutdownHandler(onShutdown));
        }
        drain();
        if (ownsPubSub) {
            viewServices.pubSub().close();
        }
        resumable.endWaiting();
    }

    private void sweep() {
        long now = System.nanoTime();
        // ending a view waits for its running callback: never on the sweeper's thread
        for (LiveSocket socket : sockets) {
            long writingSince = socket.writingSinceNanos();
            if (!socket.connectionAlive() && sockets.remove(socket)) {
                Thread.ofVirtual().name("jsctx-liveview-dropped").start(socket::connectionDropped);
            } else if (writingSince != 0 && now - writingSince > writeTimeoutNanos && sockets.remove(socket)) {
                Thread.ofVirtual().name("jsctx-liveview-stalled").start(() -> socket.drop("a write timed out"));
            } else if (now - socket.lastSeenNanos() > heartbeatTimeoutNanos && sockets.remove(socket)) {
                Thread.ofVirtual().name("jsctx-liveview-expire").start(socket::heartbeatMissed);
            }
        }
        admission.forgetIdle();
        resumable.expireDue();
    }
}
