package dev.jsctx.counter;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Runs the counter app: a Helidon SE server (port 4000 unless configured otherwise, see
 * {@code application.yaml}) where every browser tab gets its own JavaScript context.
 *
 * <p>On SIGTERM it drains first: every tab's count is parked (in Redis when {@code liveview.redis.uri} is set)
 * and its socket closed, so the tab rejoins, through a load balancer possibly on another node, and shows its
 * count again; then it stops the server, which ends what is left, and closes the pool.
 */
public final class Main {
    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {}

    /**
     * Starts the app and returns once the server listens.
     *
     * @param args ignored; configure through {@code application.yaml}, system properties
     *             ({@code -Dserver.port=8080}) or environment variables ({@code SERVER_PORT=8080})
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        CounterApp app = CounterApp.start(config);
        // One hook, so the order is certain: sessions end before their pool closes.
        WebServerConfig.Builder builder = WebServer.builder();
        app.setup(builder);
        WebServer server = builder.shutdownHook(false).build().start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.drain();
                            server.stop();
                            app.close();
                        },
                        "counter-shutdown"));
        LOGGER.log(
                System.Logger.Level.INFO,
                "Counter ready on http://localhost:{0,number,#}/ with JavaScript on {1}",
                server.port(),
                app.runtime());
    }
}
