package dev.jsctx.bench;

import dev.jsctx.liveview.client.LiveClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code sessions}: live sessions over WebSockets. Starts a packaged app in its own JVM (the counter, or the
 * playground for idle tabs) or the trivial view (or uses the server at {@code --url}), measures its heap after GC,
 * connects the sessions, drives the {@linkplain SessionLoad load} (none at rate 0: the sessions stay idle), measures
 * the heap again with the sessions open, and prints the figures.
 */
final class SessionsBenchmark {
    /** Sessions opened and closed before the first heap reading, so one-time allocations are not counted. */
    private static final int PRIMING_SESSIONS = 20;

    private SessionsBenchmark() {}

    /**
     * What to run. {@code url} is {@code null} to start {@code server}; {@code appHome} is the packaged app's layout
     * when that is an app. A {@code rate} of 0 drives no events: the sessions stay idle, heartbeats only, for the
     * warm-up and the duration (so any page works; events need the counter's page contract).
     */
    record Options(int sessions, int rate, Duration duration, Duration warmUp, URI url, Path appHome, Server server) {}

    /** The servers the benchmark can start. */
    enum Server {
        /** The packaged counter app, {@code bin/counter}. */
        COUNTER("counter"),
        /** The packaged playground, {@code bin/playground}: a JS context per tab, idle sessions only. */
        PLAYGROUND("playground"),
        /** {@link TrivialViewServer}: the counter's page contract with the count in a Java field, no JS contexts. */
        TRIVIAL(null);

        private final String launcher;

        Server(String launcher) {
            this.launcher = launcher;
        }

        /** @return its launcher in the app's {@code bin/}, or null if it is not a packaged app */
        String launcher() {
            return launcher;
        }
    }

    /**
     * Every figure of a run; {@code heapPerSessionBytes} and {@code contextsOpen} are -1 when not known. Sessions
     * that failed to join count as errors.
     */
    record SessionFigures(SessionLoad.Result load, long heapPerSessionBytes, long contextsOpen) {
        void print(PrintStream out) {
            Figures.print(out, "sessions", load.sessions());
            Figures.print(out, "events_per_s", load.eventsPerSecond());
            Figures.print(out, "event_p50_ms", load.p50Millis());
            Figures.print(out, "event_p99_ms", load.p99Millis());
            Figures.print(out, "event_max_ms", load.maxMillis());
            Figures.print(out, "errors", load.errors());
            Figures.print(out, "heap_per_session_bytes", heapPerSessionBytes);
            Figures.print(out, "contexts_open", contextsOpen);
        }
    }

    static SessionFigures run(Options options, PrintStream out) throws IOException, InterruptedException {
        out.printf(
                "# sessions: %d sessions, %d events/s in all for %d s after a %d s warm-up%n",
                options.sessions(),
                options.rate(),
                options.duration().toSeconds(),
                options.warmUp().toSeconds());
        if (options.url() != null) {
            out.println("# server at " + options.url() + " (not started here): heap_per_session_bytes=-1, "
                    + "its heap cannot be read");
            SessionFigures figures = measure(options, options.url(), null, out);
            figures.print(out);
            return figures;
        }
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "jsctx-sessions-server.log");
        String launcher = options.server().launcher();
        out.println("# starting "
                + (launcher == null
                        ? TrivialViewServer.class.getSimpleName()
                        : options.appHome().resolve("bin").resolve(launcher))
                + " (-Xmx2g), log " + log);
        try (ServerProcess app = launcher == null
                ? ServerProcess.trivialView(log)
                : ServerProcess.packagedApp(options.appHome(), launcher, log)) {
            SessionFigures figures = measure(options, app.base(), app, out);
            figures.print(out);
            return figures;
        }
    }

    private static SessionFigures measure(Options options, URI base, ServerProcess app, PrintStream out)
            throws IOException, InterruptedException {
        out.println("# priming the server with " + PRIMING_SESSIONS + " sessions for 1 s");
        try (SessionLoad primer = new SessionLoad(base, out)) {
            primer.connect(PRIMING_SESSIONS);
            primer.drive(options.rate() == 0 ? 0 : PRIMING_SESSIONS * 5, Duration.ZERO, Duration.ofSeconds(1));
        }
        out.println("# the measured sessions");
        long heapBefore = app == null ? -1 : app.heapUsedAfterGc();
        try (SessionLoad load = new SessionLoad(base, out)) {
            int joined = load.connect(options.sessions());
            SessionLoad.Result result = load.drive(options.rate(), options.warmUp(), options.duration());
            long heapPerSession = -1;
            if (app != null && joined > 0) {
                long heapAfter = app.heapUsedAfterGc();
                out.printf(
                        "# server heap after GC: %d MB before, %d MB with the sessions open%n",
                        heapBefore >> 20, heapAfter >> 20);
                heapPerSession = (heapAfter - heapBefore) / joined;
            }
            return new SessionFigures(result, heapPerSession, contextsOpen(base, out));
        }
    }

    /** The pool's open contexts, from the counter app's health details; -1 if the server has no such check. */
    private static long contextsOpen(URI base, PrintStream out) {
        try (LiveClient client = LiveClient.create(base)) {
            JsonObject health = Json.createReader(new StringReader(client.get("/observe/health")))
                    .readObject();
            for (JsonValue check : health.getJsonArray("checks")) {
                JsonObject data = check.asJsonObject().getJsonObject("data");
                if (data != null && data.containsKey("contextsOpen")) {
                    return data.getJsonNumber("contextsOpen").longValue();
                }
            }
        } catch (RuntimeException e) {
            out.println("# contexts_open unknown: " + e.getMessage());
        }
        return -1;
    }
}
