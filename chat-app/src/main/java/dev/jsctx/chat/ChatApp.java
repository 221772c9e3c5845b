package dev.jsctx.chat;

import dev.jsctx.helidon.ContextPoolSupport;
import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.PageLayout;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The chat app's parts, built from configuration: the JS context pool, the rooms and the web server's routes.
 * {@link Main} runs it; tests build one on a random port.
 */
public final class ChatApp implements AutoCloseable {
    /** The page's styles, and an empty icon, so browsers do not ask for {@code /favicon.ico}. */
    private static final String HEAD =
            "<link rel=\"icon\" href=\"data:,\">\n<style>\n" + resource("chat.css") + "</style>";

    private final Config config;
    private final ContextPoolSupport jsctx;
    private final ChatRooms rooms;

    private ChatApp(Config config, ContextPoolSupport jsctx, ChatRooms rooms) {
        this.config = config;
        this.jsctx = jsctx;
        this.rooms = rooms;
    }

    /**
     * Starts the pool and the rooms.
     *
     * @param config the root configuration ({@code pool}, {@code liveview} and {@code server})
     * @return the started app, to be set up on a server
     */
    public static ChatApp start(Config config) {
        return new ChatApp(config, ContextPoolSupport.create(config.get("pool")), new ChatRooms(new RoomHistory()));
    }

    /**
     * Configures a server: its settings from the {@code server} node, health and metrics under {@code /observe},
     * the lobby at {@code /} and every other room at {@code /rooms/{name}}.
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
                        MetricsObserver.create()))
                .routing(routing -> routing.get("/rooms/{name}", ChatApp::room));
        LiveViewFeature.builder()
                .config(LiveViewConfig.create(config.get("liveview")))
                .layout(PageLayout.standard("jsctx chat", HEAD))
                .view("/", () -> new ChatLive(jsctx.pool(), rooms, Clock.systemUTC()))
                .build()
                .addTo(server); // after server.config(...): it hands liveview.allowed-origins to Helidon's check
    }

    /**
     * Closes the pool with every context still open.
     */
    @Override
    public void close() {
        jsctx.close();
    }

    /**
     * {@code /rooms/{name}} shows the room's page at {@code /?room={name}}: live views take their parameters from the
     * query for now, so the room's path sends the browser there.
     */
    private static void room(ServerRequest request, ServerResponse response) {
        RoomName.parse(request.path().pathParameters().get("name"))
                .ifPresentOrElse(
                        name -> response.status(Status.SEE_OTHER_303)
                                .header(HeaderNames.LOCATION, "/?room=" + name) // the rule leaves nothing to encode
                                .send(),
                        () -> response.status(Status.NOT_FOUND_404).send(RoomName.RULE));
    }

    private static String resource(String name) {
        try (InputStream in = ChatApp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
