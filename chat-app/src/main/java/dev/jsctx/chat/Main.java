package dev.jsctx.chat;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Runs the chat app: a Helidon SE server (port 4001 unless configured otherwise, see {@code application.yaml})
 * where every browser tab gets its own JavaScript context and hears the other tabs of its room.
 *
 * <p>On SIGTERM it stops the server first, which ends every live session and closes their contexts, then closes
 * the pool.
 */
public final class Main {
    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {}

    /**
     * Starts the app and returns once the server listens.
     *
     * @param args ignored; configure through {@code application.yaml}, system properties or environment variables
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        ChatApp app = ChatApp.start(Config.create());
        WebServerConfig.Builder builder = WebServer.builder();
        app.setup(builder);
        // One hook, so the order is certain: sessions end before their pool closes.
        WebServer server = builder.shutdownHook(false).build().start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            app.close();
                        },
                        "chat-shutdown"));
        LOGGER.log(System.Logger.Level.INFO, "Chat ready on http://localhost:{0,number,#}/", server.port());
    }
}
