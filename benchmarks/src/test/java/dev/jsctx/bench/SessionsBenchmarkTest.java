package dev.jsctx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.counter.CounterApp;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One short run of the sessions benchmark against the counter app in this JVM: every count kept, every figure. */
class SessionsBenchmarkTest {

    private CounterApp app;
    private WebServer server;

    @BeforeEach
    void startCounter() {
        app = CounterApp.start(Config.just(
                ConfigSources.create(Map.of(
                        "pool.engine", "graal",
                        "server.port", "0",
                        // the load generator is one client joining every session with one page's token
                        "liveview.max-views-per-token", "1000000",
                        "liveview.max-sockets-per-client", "1000000",
                        "liveview.max-joins-per-client-per-minute", "1000000")),
                ConfigSources.classpath("application.yaml")));
        WebServerConfig.Builder builder = WebServer.builder();
        app.setup(builder);
        server = builder.build().start();
    }

    @AfterEach
    void stopCounter() {
        server.stop();
        app.close();
    }

    @Test
    void everySessionKeepsItsCountAndEveryFigureIsPrinted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SessionsBenchmark.Options options = new SessionsBenchmark.Options(
                20,
                100,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ZERO,
                URI.create("http://localhost:" + server.port()),
                null,
                SessionsBenchmark.Server.COUNTER,
                null,
                0);

        SessionsBenchmark.SessionFigures figures = SessionsBenchmark.run(options, out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(0, figures.load().errors(), printed);
        assertEquals(20, figures.load().sessions(), printed);
        assertTrue(figures.contextsOpen() >= 20, printed);
        // the server's own share, read from its metrics; a server not started here has no CPU figure
        assertTrue(figures.share().callP99Millis() > 0, printed);
        assertTrue(figures.share().clientCores() > 0, printed);
        assertEquals(-1, figures.share().serverCores(), printed);
        for (String key : List.of(
                "sessions=20",
                "events_per_s=",
                "event_p50_ms=",
                "event_p99_ms=",
                "event_p99_9_ms=",
                "event_max_ms=",
                "event_sent_late_p99_ms=",
                "server_cpu_cores=-1",
                "client_cpu_cores=",
                "server_call_p50_ms=",
                "server_call_p99_ms=",
                "errors=0",
                "heap_per_session_bytes=-1",
                "contexts_open=")) {
            assertTrue(printed.lines().anyMatch(line -> line.startsWith(key)), key + " missing in:\n" + printed);
        }
    }

    @Test
    void idleModeWakesIdleSessionsWithTheirCountsKept() throws Exception {
        String printed = runIdleMode(100);
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("beside_events_per_s=")), printed);
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("beside_p50_ms=")), printed);
    }

    @Test
    @Timeout(60)
    void idleModeWithNoEventsBesideTheWakeUpsEnds() throws Exception {
        String printed = runIdleMode(0);
        assertFalse(printed.contains("beside_events_per_s="), printed);
    }

    /** The idle mode on 20 sessions, 5 of them active; 10 idle ones woken, 50 a second. */
    private String runIdleMode(int besideRate) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SessionsBenchmark.Options options = new SessionsBenchmark.Options(
                20,
                50,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ZERO,
                URI.create("http://localhost:" + server.port()),
                null,
                SessionsBenchmark.Server.COUNTER,
                new SessionsBenchmark.Idle(5, 10, 50, besideRate),
                0);

        SessionsBenchmark.SessionFigures figures = SessionsBenchmark.run(options, out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(0, figures.wake().errors(), printed);
        assertEquals(5, figures.load().sessions(), printed);
        assertEquals(10, figures.wake().sessions(), printed);
        assertTrue(
                printed.contains("# wake-up warm-up: 5 replies"), "the 5 idle sessions left over warm up:\n" + printed);
        for (String key : List.of(
                "sessions=20",
                "active_sessions=5",
                "heap_per_idle_session_bytes=-1",
                "contexts_hibernating=",
                "woken_sessions=10",
                "wake_p50_ms=",
                "wake_p99_ms=",
                "wake_sent_late_p99_ms=",
                "errors=0")) {
            assertTrue(printed.lines().anyMatch(line -> line.startsWith(key)), key + " missing in:\n" + printed);
        }
        return printed;
    }
}
