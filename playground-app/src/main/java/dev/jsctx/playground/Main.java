package dev.jsctx.playground;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Runs the playground: a Helidon SE server (port 4002 unless configured otherwise, see
 * {@code application.yaml}) where every browser tab runs its own code in its own JavaScript context.
 *
 * <p>On SIGTERM it stops the server first, which ends every live session (clients show the disconnected state)
 * and closes their contexts, then closes the pool.
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
        PlaygroundApp app = PlaygroundApp.start(config);
        // One hook, so the order is certain: sessions end before their pool closes.
        WebServerConfig.Builder builder = WebServer.builder();
        app.setup(builder);
        WebServer server = builder.shutdownHook(false).build().start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            app.close();
                        },
                        "playground-shutdown"));
        LOGGER.log(
                System.Logger.Level.INFO,
                "Playground ready on http://localhost:{0,number,#}/ with JavaScript on {1}",
                server.port(),
                app.runtime());
    }
}
