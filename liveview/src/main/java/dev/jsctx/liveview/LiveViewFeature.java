package dev.jsctx.liveview;

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
 * WebServer.builder().port(4000).addFeature(live).build().start();
 * }
 *
 * <p>The routes go on the server's default socket. When the server stops, every view ends and closes what it
 * owns.
 */
public interface LiveViewFeature extends ServerFeature {

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

        /** Tests move token expiry with their own clock. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public LiveViewFeature build() {
            LiveViewConfig settings = config == null ? LiveViewConfig.create() : config;
            return new LiveViewFeatureImpl(new LiveRuntime(settings, views, clock), layout);
        }
    }
}
