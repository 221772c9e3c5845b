package dev.jsctx.playground;

import dev.jsctx.helidon.ContextPoolSupport;
import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.PageLayout;
import dev.jsctx.pool.ContextPool;
import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.time.Clock;

/**
 * The playground's parts, built from configuration: the JS context pool ({@code pool}, through jsctx-helidon), the
 * tabs' limits ({@code playground}), the live view and the server's routes. {@link Main} runs it; tests build one on a
 * random port. Contexts per client are bounded by liveview's {@code max-sockets-per-client}: a tab's context lives as
 * long as its socket.
 */
public final class PlaygroundApp implements AutoCloseable {
    private final Config config;
    private final ContextPoolSupport jsctx;
    private final PlaygroundContexts contexts;

    private PlaygroundApp(Config config, ContextPoolSupport jsctx, PlaygroundContexts contexts) {
        this.config = config;
        this.jsctx = jsctx;
        this.contexts = contexts;
    }

    /**
     * Starts the pool.
     *
     * @param config the root configuration ({@code pool}, {@code liveview}, {@code playground} and {@code server})
     * @return the started app, to be set up on a server
     */
    public static PlaygroundApp start(Config config) {
        ContextPoolSupport jsctx = ContextPoolSupport.create(config.get("pool"));
        PlaygroundLimits limits = PlaygroundLimits.from(config.get("playground"));
        return new PlaygroundApp(config, jsctx, new PlaygroundContexts(jsctx.pool(), limits, Clock.systemUTC()));
    }

    /**
     * Configures a server: its settings from the {@code server} node, health and metrics under {@code /observe},
     * and the playground view at {@code /}.
     *
     * @param server the server's builder; builders are not thread-safe
     */
    public void setup(WebServerConfig.Builder server) {
        server.config(config.get("server"))
                .addFeature(ObserveFeature.just(
                        HealthObserver.builder()
                                .details(true)
                                .addCheck(jsctx.healthCheck())
                                .build(),
                        MetricsObserver.create()));
        LiveViewFeature.builder()
                .config(LiveViewConfig.create(config.get("liveview")))
                .layout(PageLayout.styled("jsctx playground", PlaygroundApp.class.getClassLoader(), "playground.css"))
                .view("/", () -> new PlaygroundLive(contexts))
                .build()
                .addTo(server);
    }

    /** @return the pool's engine and how it runs, for example "graal (optimized)" */
    public String runtime() {
        var info = jsctx.pool().engineInfo();
        String runtime = info.get("runtime");
        return info.getOrDefault("engine", "?") + (runtime == null ? "" : " (" + runtime + ")");
    }

    /** @return the pool every tab's context lives in */
    public ContextPool pool() {
        return jsctx.pool();
    }

    /** Closes the pool with every context still open. */
    @Override
    public void close() {
        jsctx.close();
    }
}
