package dev.jsctx.counter;

import dev.jsctx.helidon.ContextPoolSupport;
import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.PageLayout;
import dev.jsctx.liveview.ParkStore;
import dev.jsctx.liveview.redis.BrokerHealthCheck;
import dev.jsctx.liveview.redis.RedisBroker;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.PoolStats;
import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.health.HealthObserverConfig;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The counter app's parts, built from configuration: the JS context pool, the metrics, the live sessions and
 * the web server's routes. {@link Main} runs it; tests build one on a random port.
 */
public final class CounterApp implements AutoCloseable {
    private final Config config;
    private final ContextPoolSupport jsctx;
    private final ContextPool pool;
    private final LiveSessions sessions;
    private final CounterMetrics metrics;
    private final String runtime;
    /** Redis, when {@code liveview.redis.uri} is set: the parked counts of every node. */
    private final Optional<RedisBroker> redis;

    private LiveViewFeature live;

    private CounterApp(Config config, ContextPoolSupport jsctx, LiveSessions sessions, Optional<RedisBroker> redis) {
        this.config = config;
        this.jsctx = jsctx;
        this.redis = redis;
        this.pool = jsctx.pool();
        this.sessions = sessions;
        this.metrics = new CounterMetrics(sessions::active);
        this.runtime = CounterPool.runtimeDescription(pool);
    }

    /**
     * Starts the pool and what watches it.
     *
     * @param config the root configuration ({@code pool}, {@code liveview}, {@code counter} and {@code server})
     * @return the started app, to be set up on a server
     */
    public static CounterApp start(Config config) {
        ContextPoolSupport jsctx = ContextPoolSupport.create(config.get("pool"));
        Duration refresh =
                config.get("counter.refresh-interval").as(Duration.class).orElse(Duration.ofSeconds(5));
        LiveSessions sessions = new LiveSessions(refresh, () -> totals(jsctx.pool()));
        Config redisConfig = config.get("liveview.redis");
        Optional<RedisBroker> redis =
                redisConfig.get("uri").exists() ? Optional.of(RedisBroker.create(redisConfig)) : Optional.empty();
        return new CounterApp(config, jsctx, sessions, redis);
    }

    /**
     * Configures a server: its settings from the {@code server} node, health and metrics under {@code /observe}
     * (with the Redis broker's readiness when Redis is configured), and the counter view at {@code /}.
     *
     * @param server the server's builder; builders are not thread-safe
     */
    public void setup(WebServerConfig.Builder server) {
        HealthObserverConfig.Builder health =
                HealthObserver.builder().details(true).addCheck(jsctx.healthCheck());
        redis.ifPresent(broker -> health.addCheck(BrokerHealthCheck.create(broker.pubSub())));
        server.config(config.get("server")).addFeature(ObserveFeature.just(health.build(), MetricsObserver.create()));
        LiveViewFeature.Builder feature = LiveViewFeature.builder()
                .config(LiveViewConfig.create(config.get("liveview")))
                .layout(PageLayout.styled("jsctx counter", CounterApp.class.getClassLoader(), "counter.css"))
                .parkStore(redis.map(RedisBroker::parkStore).orElseGet(ParkStore::inMemory))
                .view("/", () -> new CounterLive(pool, sessions, runtime));
        redis.ifPresent(broker -> feature.pubSub(broker.pubSub()));
        live = feature.build();
        live.addTo(server); // after server.config(...): it hands liveview.allowed-origins to Helidon's check
    }

    /**
     * Parks every tab's count and closes its socket, so the tabs rejoin elsewhere: call it before stopping the
     * server (see {@link LiveViewFeature#drain()}).
     */
    public void drain() {
        if (live != null) {
            live.drain();
        }
    }

    /**
     * @return the pool's engine and how it runs, for example "graal (optimized)"
     */
    public String runtime() {
        return runtime;
    }

    /**
     * Stops the refreshes, closes the pool with every context still open, and removes the app's meters.
     */
    @Override
    public void close() {
        sessions.close();
        jsctx.close();
        metrics.close();
        redis.ifPresent(RedisBroker::close);
    }

    /** What every page shows of the pool; pages are refreshed when it changes. */
    private static List<Integer> totals(ContextPool pool) {
        PoolStats stats = pool.stats();
        return List.of(stats.contextsOpen(), stats.contextsPerThread().size());
    }
}
