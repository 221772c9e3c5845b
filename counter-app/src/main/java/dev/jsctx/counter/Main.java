package dev.jsctx.counter;

import io.helidon.config.Config;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts the counter app: a Helidon SE web server on port 4000 (see {@code application.yaml}), with health and
 * metrics under {@code /observe}.
 *
 * <p>{@link #setup(WebServerConfig.Builder, Config)} is the one place the server is put together; {@link #main}
 * and the tests both use it.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    /** Placeholder page until the live counter view lands: it already shows the count the way the view will. */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>jsctx counter</title>
            <link rel="icon" href="data:,">
            </head>
            <body>
            <main>
            <h1>Counter</h1>
            <p>Count: <output id="count">0</output></p>
            </main>
            </body>
            </html>
            """;

    private Main() {
    }

    /**
     * Starts the server and returns once it listens.
     *
     * @param args ignored; configure through {@code application.yaml}, system properties or environment
     *             variables (for example {@code SERVER_PORT=8080})
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();

        WebServerConfig.Builder server = WebServer.builder();
        setup(server, config);
        WebServer started = server.build().start();
        LOGGER.log(System.Logger.Level.INFO, "Counter ready on http://localhost:{0,number,#}/", started.port());
    }

    /**
     * Configures a server builder with the app's settings from {@code config} (its {@code server} node) and its
     * routes. Features found on the class path, such as observability, are added by Helidon from the same node.
     *
     * @param server the builder to configure; not thread-safe, like every builder
     * @param config the root configuration
     */
    public static void setup(WebServerConfig.Builder server, Config config) {
        server.config(config.get("server"))
                .routing(Main::routing);
    }

    private static void routing(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> {
            res.headers().contentType(MediaTypes.TEXT_HTML);
            res.send(PAGE);
        });
    }
}
