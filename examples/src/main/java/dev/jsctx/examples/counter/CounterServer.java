package dev.jsctx.examples.counter;

import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.PageLayout;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;

/** liveview/README.md's sample server: {@link CounterLive} at {@code /}, on the configured port. */
public final class CounterServer {
    private CounterServer() {}

    /**
     * Starts the server.
     *
     * @param config the root configuration: {@code server.port} (default 4000) and the {@code liveview} node
     * @return the started server
     */
    public static WebServer start(Config config) {
        // tag::counter-server[]
        WebServer server = WebServer.builder()
                .port(config.get("server.port").asInt().orElse(4000))
                .addFeature(LiveViewFeature.builder()
                        .config(LiveViewConfig.create(config.get("liveview")))
                        .layout(PageLayout.standard("Counter", "<style>#error { color: crimson; }</style>"))
                        .view("/", CounterLive::new)
                        .build())
                .build()
                .start();
        // end::counter-server[]
        return server;
    }
}
