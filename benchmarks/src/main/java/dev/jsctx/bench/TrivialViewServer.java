package dev.jsctx.bench;

import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.LiveViewConfig;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * The live-view module alone, for {@code sessions --server trivial}: the counter's page contract with the count
 * kept in a Java field, no JavaScript context. What it costs per session is what liveview and Helidon cost.
 */
public final class TrivialViewServer {
    private TrivialViewServer() {}

    /**
     * Serves the trivial counter on {@code SERVER_PORT} (default 4000), with health at {@code /observe/health}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "4000"));
        Config config = Config.create();
        WebServer.builder()
                // Helidon's listener keys as the counter app reads them, for example -Dserver.use-nio=false
                .config(config.get("server"))
                .host("localhost")
                .port(port)
                .addFeature(ObserveFeature.just(
                        HealthObserver.builder().details(true).build()))
                .addFeature(LiveViewFeature.builder()
                        // the admission limits as ServerProcess passes them (-Dliveview.max-...)
                        .config(LiveViewConfig.create(config.get("liveview")))
                        .view("/", JavaCounter::new)
                        .build())
                .build()
                .start();
    }

    /** The counter page contract in plain Java: {@code #count} is the first dynamic, {@code #error} the second. */
    static final class JavaCounter implements LiveView {
        private static final Template PAGE = Template.of("<output id=\"count\">{}</output><p id=\"error\">{}</p>");
        private long count;
        private String error = "";

        @Override
        public void mount(Map<String, String> params, LiveSession session) {}

        @Override
        public void handleEvent(String name, JsonObject payload) throws Exception {
            switch (name) {
                case "inc" -> count++;
                case "dec" -> count--;
                case "reset" -> count = 0;
                case "add" -> count += Long.parseLong(payload.getString("amount"));
                default -> LiveView.super.handleEvent(name, payload);
            }
        }

        @Override
        public Rendered render() {
            return PAGE.with(count, error);
        }
    }
}
