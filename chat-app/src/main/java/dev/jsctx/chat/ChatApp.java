package dev.jsctx.chat;

import dev.jsctx.helidon.ContextPoolSupport;
import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.PageLayout;
import dev.jsctx.liveview.ParkStore;
import dev.jsctx.liveview.PubSub;
import dev.jsctx.liveview.redis.BrokerHealthCheck;
import dev.jsctx.liveview.redis.RedisBroker;
import io.helidon.config.Config;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.time.Clock;
import java.time.Duration;

/**
 * The chat app's parts, built from configuration: the JS context pool, the rooms and the web server's routes.
 * {@link Main} runs it; tests build one on a random port.
 */
public final class ChatApp implements AutoCloseable {
    private static final String ROOM_ROUTE = "/rooms/{name}";
    private static final String ROOM_PREFIX = "/rooms/";

    private final Config config;
    private final ContextPoolSupport jsctx;
    /** Null without {@code liveview.redis}: then PubSub is in-process, parked states and history in memory. */
    private final RedisBroker redis;

    private final PubSub pubSub;
    private final ParkStore parkStore;
    private final RoomHistory history;
    private final ChatRooms rooms;

    private ChatApp(Config config, ContextPoolSupport jsctx, RedisBroker redis) {
        this.config = config;
        this.jsctx = jsctx;
        this.redis = redis;
        if (redis == null) {
            pubSub = PubSub.inProcess();
            parkStore = ParkStore.inMemory();
            history = new InMemoryRoomHistory();
        } else {
            Config node = config.get("liveview.redis");
            pubSub = redis.pubSub();
            parkStore = redis.parkStore();
            history = RedisRoomHistory.connect(
                    node.get("uri").asString().get(),
                    node.get("key-prefix").asString().orElse("jsctx:"),
                    node.get("command-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)));
        }
        this.rooms = new ChatRooms(pubSub, history);
    }

    /**
     * Starts the pool and the rooms: on Redis when {@code liveview.redis.uri} is set (every node of a deployment
     * then shares broadcasts, presence, parked states and history), in this JVM otherwise.
     *
     * @param config the root configuration ({@code pool}, {@code liveview} and {@code server})
     * @return the started app, to be set up on a server
     * @throws IllegalStateException if Redis is configured but cannot be reached
     */
    public static ChatApp start(Config config) {
        ContextPoolSupport jsctx = ContextPoolSupport.create(config.get("pool"));
        Config redis = config.get("liveview.redis");
        try {
            return new ChatApp(config, jsctx, redis.get("uri").exists() ? RedisBroker.create(redis) : null);
        } catch (RuntimeException e) {
            jsctx.close();
            throw e;
        }
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
                                .addCheck(BrokerHealthCheck.create(pubSub))
                                .build(),
                        MetricsObserver.create()))
                .routing(routing -> routing.addFilter(ChatApp::refuseBadRoomNames));
        LiveViewFeature.builder()
                .config(LiveViewConfig.create(config.get("liveview")))
                .layout(PageLayout.styled("jsctx chat", ChatApp.class.getClassLoader(), "chat.css"))
                .pubSub(pubSub)
                .parkStore(parkStore)
                .view("/", () -> new ChatLive(ChatLive.LOBBY, jsctx.pool(), rooms, Clock.systemUTC()))
                .view(ROOM_ROUTE, () -> new ChatLive(ChatLive.NAMED, jsctx.pool(), rooms, Clock.systemUTC()))
                .build()
                .addTo(server); // after server.config(...): it hands liveview.allowed-origins to Helidon's check
    }

    /**
     * Closes the history, the PubSub (and Redis) and the pool with every context still open; after the server
     * stopped.
     */
    @Override
    public void close() {
        history.close();
        if (redis == null) {
            pubSub.close();
        } else {
            redis.close();
        }
        jsctx.close();
    }

    /**
     * A page request for {@code /rooms/{name}} with a bad name gets 404 and the rule, before the view renders (a
     * view cannot choose its page's status); other requests go on.
     */
    private static void refuseBadRoomNames(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (path.startsWith(ROOM_PREFIX)) {
            String name = path.substring(ROOM_PREFIX.length());
            if (!name.contains("/") && RoomName.parse(name).isEmpty()) {
                response.status(Status.NOT_FOUND_404).send(RoomName.RULE);
                return;
            }
        }
        chain.proceed();
    }
}
