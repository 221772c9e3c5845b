package dev.jsctx.liveview.test;

import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.client.LiveClient;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A live-view server for tests: started here on a random loopback port with the given views, or one already
 * running. {@link #mount(String)} opens a view as a new browser tab would.
 *
 * {@snippet :
 * try (LiveTestServer server = LiveTestServer.start(LiveViewFeature.builder().view("/", CounterLive::new).build());
 *         LiveTestView view = server.mount("/")) {
 *     view.click("#inc");
 *     assertEquals("1", view.text("#count"));
 * }
 * }
 *
 * <p>Thread-safe: any number of views may be mounted, from any threads. {@link #close()} stops the server if this
 * class started it; views still open are cut off then.
 */
public final class LiveTestServer implements AutoCloseable {

    /** How long a view waits for a reply by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final WebServer started;
    private final Duration timeout;

    private LiveTestServer(URI base, WebServer started, Duration timeout) {
        this.base = base;
        this.started = started;
        this.timeout = timeout;
    }

    /**
     * Starts a Helidon server on a random port of {@code localhost} with the feature's views.
     *
     * @param feature the views, as the application builds them
     * @return the running server; close it to stop it
     */
    public static LiveTestServer start(LiveViewFeature feature) {
        WebServer server = WebServer.builder()
                .host("localhost")
                .port(0)
                .addFeature(feature)
                .build()
                .start();
        return new LiveTestServer(URI.create("http://localhost:" + server.port()), server, DEFAULT_TIMEOUT);
    }

    /**
     * A server already running, such as an application started on port 0 by the test; {@link #close()} leaves it
     * running.
     *
     * @param base its address, such as {@code http://localhost:4000}
     * @return the server
     */
    public static LiveTestServer at(URI base) {
        return new LiveTestServer(Objects.requireNonNull(base, "base"), null, DEFAULT_TIMEOUT);
    }

    /**
     * The same server, with another time-out for each reply and await of the views mounted from now on. Default
     * is {@link #DEFAULT_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return a server object sharing this one's server
     */
    public LiveTestServer withTimeout(Duration timeout) {
        return new LiveTestServer(base, started, timeout);
    }

    /**
     * Mounts the view at a path as a new browser would: a fresh client (its own session cookie) loads the page,
     * opens a WebSocket and joins.
     *
     * @param pathAndQuery such as {@code "/rooms/lobby?tab=2"}
     * @return the mounted view; close it to close the tab
     * @throws AssertionError if the page or the join fails
     */
    public LiveTestView mount(String pathAndQuery) {
        LiveClient client = LiveClient.builder(base).timeout(timeout).build();
        return LiveTestView.mount(client, pathAndQuery, timeout);
    }

    /** @return the server's address, such as {@code http://localhost:41234} */
    public URI uri() {
        return base;
    }

    @Override
    public void close() {
        if (started != null) {
            started.stop();
        }
    }
}
