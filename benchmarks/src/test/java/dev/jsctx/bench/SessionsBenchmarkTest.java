package dev.jsctx.bench;

import dev.jsctx.liveview.LiveSession;
import dev.jsctx.liveview.LiveView;
import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One short run of the sessions benchmark against a counter view in this JVM: it keeps every count and prints. */
class SessionsBenchmarkTest {

    private WebServer server;

    @BeforeEach
    void startServer() {
        server = WebServer.builder()
                .host("localhost")
                .port(0)
                .addFeature(LiveViewFeature.builder().view("/", JavaCounter::new).build())
                .build()
                .start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void everySessionKeepsItsCountAndEveryFigureIsPrinted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SessionsBenchmark.Options options = new SessionsBenchmark.Options(
                20, 100, Duration.ofSeconds(2), URI.create("http://localhost:" + server.port()), null);

        SessionsBenchmark.SessionFigures figures = SessionsBenchmark.run(options, out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(0, figures.load().errors(), printed);
        assertEquals(20, figures.load().sessions(), printed);
        for (String key : List.of("sessions=20", "events_per_s=", "event_p50_ms=", "event_p99_ms=", "event_max_ms=",
                                  "errors=0", "heap_per_session_bytes=-1", "contexts_open=")) {
            assertTrue(printed.lines().anyMatch(line -> line.startsWith(key)), key + " missing in:\n" + printed);
        }
    }

    /** The counter page contract in plain Java: the count is the first dynamic. */
    static final class JavaCounter implements LiveView {
        private static final Template PAGE = Template.of("<output id=\"count\">{}</output>");
        private long count;

        @Override
        public void mount(Map<String, String> params, LiveSession session) {
        }

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
            return PAGE.with(count);
        }
    }
}
