package dev.jsctx.liveview.client;

import dev.jsctx.liveview.LiveProtocol;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A client of a live-view server that stands in for browsers: it fetches pages and opens
 * {@linkplain LiveConnection connections}, each one tab's WebSocket. Tests and load generators use it; a browser
 * runs the module's JavaScript client instead.
 *
 * <pre>{@code
 * try (LiveClient client = LiveClient.create(URI.create("http://localhost:4000"))) {
 *     LivePage page = client.page("/");
 *     try (LiveConnection tab = client.connect()) {
 *         tab.join(page.token());
 *         tab.event("add", Map.of("amount", "5"));
 *         String count = tab.dynamic(0);
 *     }
 * }
 * }</pre>
 *
 * <p>Like a browser, a client keeps the cookies its pages set, among them the session cookie
 * ({@link LiveProtocol#COOKIE_SESSION}) that the pages' join tokens are bound to, and sends them with every later
 * request and WebSocket upgrade. A connection opened before the client's first page carries no session cookie,
 * so its joins are refused with {@link LiveProtocol#CLOSE_TOKEN_INVALID}: fetch a page first, as a browser does.
 * All pages of one client share one session cookie (the first page is fetched alone, so that concurrent first
 * pages do not each get another); use one client per simulated browser.
 *
 * <p>One client serves any number of connections: they share its HTTP client (one selector thread for all of
 * them), its heartbeat timer and the static HTML of their rendered trees, so a connection costs little beyond its
 * socket. Thread-safe; create one per server under test and close it when done.
 */
public final class LiveClient implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(LiveClient.class.getName());

    private final URI base;
    private final Duration timeout;
    private final Duration heartbeatInterval;
    private final int keptMessages;
    private final HttpClient http;
    private final RenderedTree.Statics statics = new RenderedTree.Statics();
    private final ScheduledExecutorService heartbeats;
    private final Object firstPage = new Object();
    /** Whether a page was fetched, so the cookie jar holds the session cookie (guarded by firstPage to set). */
    private volatile boolean visited;

    private LiveClient(Builder builder) {
        this.base = builder.base;
        this.timeout = builder.timeout;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.keptMessages = builder.keptMessages;
        // keeps the pages' session cookie, which their tokens are bound to; java.net.http sends the client's
        // cookies with a WebSocket upgrade too
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        if (heartbeatInterval == null) {
            this.heartbeats = null;
        } else {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "live-client-heartbeats");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            this.heartbeats = timer;
        }
    }

    /**
     * A client with the defaults: 10 second time-out, no automatic heartbeats, 64 kept messages per connection.
     *
     * @param base the server, such as {@code http://localhost:4000}; paths are resolved against it
     * @return a new client
     */
    public static LiveClient create(URI base) {
        return builder(base).build();
    }

    /**
     * @param base the server, such as {@code http://localhost:4000}; paths are resolved against it
     * @return a builder of a client
     */
    public static Builder builder(URI base) {
        return new Builder(base);
    }

    /**
     * Fetches a resource with {@code GET}, blocking until the response or the time-out.
     *
     * @param pathAndQuery such as {@code /?message=hi}
     * @return the response body
     * @throws LiveClientException if the status is not 200, the request fails or takes too long
     */
    public String get(String pathAndQuery) {
        URI uri = base.resolve(pathAndQuery);
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LiveClientException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveClientException("interrupted during GET " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new LiveClientException(
                    "GET " + uri + " answered " + response.statusCode() + ": " + LivePage.abbreviate(response.body()));
        }
        return response.body();
    }

    /**
     * Fetches a view's page, as a browser loads it before it connects.
     *
     * @param pathAndQuery the view's path and the page's params, such as {@code /?message=hi}
     * @return the page, with its join token
     * @throws LiveClientException if the request fails or the response is no view page
     */
    public LivePage page(String pathAndQuery) {
        if (!visited) {
            // pages fetched at once before the first one's answer would each get another session cookie, and
            // the cookie jar keeps only the last: their tokens would not join. The first page goes alone.
            synchronized (firstPage) {
                if (!visited) {
                    LivePage page = LivePage.parse(get(pathAndQuery));
                    visited = true;
                    return page;
                }
            }
        }
        return LivePage.parse(get(pathAndQuery));
    }

    /**
     * Opens a WebSocket to the server's live endpoint, blocking until it is open or the time-out.
     *
     * @return the open connection, not joined yet
     * @throws LiveClientException if the upgrade is refused (the cause is then a
     *                             {@link java.net.http.WebSocketHandshakeException} with the response) or fails
     */
    public LiveConnection connect() {
        return connect(null);
    }

    /**
     * Opens a WebSocket with an {@code Origin} header, as a browser sends it.
     *
     * @param origin such as {@code http://localhost:4000}; {@code null} sends none
     * @return the open connection, not joined yet
     * @throws LiveClientException if the upgrade is refused (the cause is then a
     *                             {@link java.net.http.WebSocketHandshakeException} with the response) or fails
     */
    public LiveConnection connect(String origin) {
        return LiveConnection.await(connectAsync(origin), timeout, "opening a WebSocket to " + webSocketUri());
    }

    /**
     * Opens a WebSocket without blocking.
     *
     * @param origin the {@code Origin} header; {@code null} sends none
     * @return completes with the open connection, or exceptionally if the upgrade fails
     */
    public CompletableFuture<LiveConnection> connectAsync(String origin) {
        LiveConnection connection = new LiveConnection(this);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(webSocketUri(), connection.listener()).thenApply(connection::opened);
    }

    /**
     * Stops the heartbeat timer and the HTTP client. Connections still open are dropped.
     */
    @Override
    public void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        http.shutdownNow();
    }

    /**
     * @return how long blocking calls wait for an answer
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "LiveClient[" + base + "]";
    }

    URI webSocketUri() {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + LiveProtocol.WS_PATH);
    }

    RenderedTree.Statics statics() {
        return statics;
    }

    int keptMessages() {
        return keptMessages;
    }

    /** Schedules a connection's heartbeats, or returns {@code null} if this client sends none. */
    ScheduledFuture<?> scheduleHeartbeats(Runnable heartbeat) {
        if (heartbeats == null) {
            return null;
        }
        long millis = heartbeatInterval.toMillis();
        try {
            return heartbeats.scheduleAtFixedRate(heartbeat, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "client closed, no heartbeats for a new connection");
            return null;
        }
    }

    /** Builds a {@link LiveClient}; not thread-safe. */
    public static final class Builder {
        private final URI base;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration heartbeatInterval;
        private int keptMessages = 64;

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "base");
            if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
                throw new IllegalArgumentException("base must be an http or https URI: " + base);
            }
        }

        /**
         * @param timeout how long blocking calls wait, and the time limit of asynchronous requests; default 10 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sends a heartbeat on every connection at this period, as the browser does (the page's
         * {@link LivePage#heartbeatInterval()}); by default none are sent, so a connection stays open only while
         * it sends something else at least every two heartbeat intervals of the server.
         *
         * @param interval the period, or {@code null} for none
         * @return this builder
         */
        public Builder heartbeatInterval(Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
            }
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * How many messages that answer no request of the connection ({@code diff} pushes, {@code error}s and
         * replies to {@linkplain LiveConnection#send raw sends}) each connection keeps for
         * {@link LiveConnection#next()}; older ones are dropped. Load generators set 0 to keep none.
         *
         * @param count at least 0; default 64
         * @return this builder
         */
        public Builder keptMessages(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("kept messages must be 0 or more: " + count);
            }
            this.keptMessages = count;
            return this;
        }

        /**
         * @return a new client
         */
        public LiveClient build() {
            return new LiveClient(this);
        }
    }
}
