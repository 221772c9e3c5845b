package dev.jsctx.liveview;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.spi.ServerFeature;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Registers live views on a Helidon WebServer in one call: for each view a {@code GET} route that renders the
 * full page as plain HTML, plus the client script under {@value LiveProtocol#SCRIPT_PATH} and the one WebSocket
 * endpoint {@value LiveProtocol#WS_PATH} that every view shares.
 *
 * {@snippet :
 * LiveViewFeature live = LiveViewFeature.builder()
 *         .config(LiveViewConfig.create(config.get("liveview")))
 *         .layout(PageLayout.standard("Counter", "<link rel=\"stylesheet\" href=\"/app.css\">"))
 *         .view("/", CounterLive::new)
 *         .build();
 * WebServerConfig.Builder server = WebServer.builder().config(config.get("server"));
 * live.addTo(server);
 * server.build().start();
 * }
 *
 * <p>The routes go on the server's default socket. When the server stops, every view ends and closes what it
 * owns. To let tabs resume elsewhere, the feature drains before the server stops on SIGTERM ({@link #drain()},
 * from a Helidon shutdown handler, which then stops the server); build the server with
 * {@code shutdownHook(false)}, or Helidon's own handler may close the connections first (views then park only
 * after their sockets are gone, and a quick tab may rejoin before its state is parked).
 */
public interface LiveViewFeature extends ServerFeature {

    /**
     * Adds this feature to a server, and lets Helidon's own WebSocket origin check, which runs before this module's,
     * admit {@link LiveViewConfig#allowedOrigins()} too, so they are configured once ({@code liveview.allowed-origins}).
     * The origins are added to any the server's {@code protocols.websocket.origins} lists already; Helidon applies
     * them to every WebSocket endpoint of the server's default socket. With no allowed origins this only adds the
     * feature, as {@code server.addFeature(this)} does: Helidon then admits the page's own host, as this module does.
     *
     * <p>Call it after {@code server.config(...)}, which sets the server's protocols anew. Adding the feature with
     * {@code addFeature} alone works too, but then Helidon refuses every allowed origin other than the page's own,
     * unless {@code server.protocols.websocket.origins} lists it again.
     *
     * @param server the server's builder; builders are not thread-safe
     * @return the same builder
     */
    WebServerConfig.Builder addTo(WebServerConfig.Builder server);

    /**
     * Park every connected view's state ({@link LiveView#park()}), end it, closing what it owns, and close its
     * socket with 1001 (going away), so each browser rejoins (through a load balancer, possibly on another node)
     * and resumes from the parked state. Call it before {@code WebServer.stop()}, which closes connections
     * before this module hears of it; a SIGTERM does this by itself (see above). Blocks until each view has
     * ended (a view's running callback finishes first). Thread-safe; views that join meanwhile are not drained.
     */
    void drain();

    /**
     * A new builder.
     *
     * @return the builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builder of {@link LiveViewFeature}; not thread-safe.
     */
    final class Builder implements io.helidon.common.Builder<Builder, LiveViewFeature> {

        private LiveViewConfig config;
        private PageLayout layout = PageLayout.standard("jsctx", "");
        private final Map<String, Supplier<? extends LiveView>> views = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private PubSub pubSub;
        private ParkStore parkStore;

        private Builder() {}

        /**
         * Settings. Default is {@link LiveViewConfig#create()}, with a random secret.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder config(LiveViewConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The page shell for the HTTP render. Default is {@code PageLayout.standard("jsctx", "")}.
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder layout(PageLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Serve a view at an exact path. The factory is called once per HTTP render and once per joined tab, each
         * time for a new instance, on the request's or the socket's thread, possibly concurrently.
         *
         * @param path    the page path, such as {@code "/"}; exact, no patterns
         * @param factory makes one view instance, such as {@code CounterLive::new}
         * @return this builder
         * @throws IllegalArgumentException if the path is taken or does not start with {@code /}
         */
        public Builder view(String path, Supplier<? extends LiveView> factory) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("view path must start with /: " + path);
            }
            if (views.putIfAbsent(path, Objects.requireNonNull(factory, "factory")) != null) {
                throw new IllegalArgumentException("a view is already registered at " + path);
            }
            return this;
        }

        /**
         * The PubSub that {@link LiveSession#subscribe(String)} and {@link LiveSession#track(String)} use. Default:
         * a {@link PubSub#inProcess()} of this feature's own, closed when the server stops; one given here is the
         * application's to close (after the server stopped), and the application broadcasts through it.
         *
         * @param pubSub the PubSub
         * @return this builder
         */
        public Builder pubSub(PubSub pubSub) {
            this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
            return this;
        }

        /**
         * Where views park their state ({@link LiveView#park()}) for their tab to resume. Default:
         * {@link ParkStore#inMemory()}, so a tab resumes only on this node; use a shared store (such as
         * {@code liveview-redis}'s) for a tab to resume on any node.
         *
         * @param parkStore the store
         * @return this builder
         */
        public Builder parkStore(ParkStore parkStore) {
            this.parkStore = Objects.requireNonNull(parkStore, "parkStore");
            return this;
        }

        /** Tests move token expiry with their own clock. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public LiveViewFeature build() {
            LiveViewConfig settings = config == null ? LiveViewConfig.create() : config;
            ParkStore store = parkStore == null ? ParkStore.inMemory() : parkStore;
            return new LiveViewFeatureImpl(new LiveRuntime(settings, views, clock, pubSub, store), layout);
        }
    }
}
