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
    /**
     * Sessions of each priming round, opened, driven and closed before the first heap reading, so one-time
     * allocations are not counted and the server's JIT has compiled the join and event paths.
     */
    private static final int PRIMING_SESSIONS = 20;
    /**
     * Idle sessions woken before the measured ones, not in the figures: the first wake-ups of a server's life
     * deoptimize and recompile the engine's call path for {@code restore(state)} (Truffle's compilation log shows
     * half a second of compiling), and HotSpot's C2 compiles what each wake-up runs once (the spare context made
     * after it: {@code JSRealm} set-up, {@code Context.Builder}) only after thousands of them: after 200 wake-ups,
     * {@code -XX:+PrintCompilation} still showed 5-111 compilations a second and {@code perf} a C2 thread busy
     * 28 % of a core throughout the measured ones; after 3,000, 3-22 a second. A long-running server pays that
     * once; the priming rounds never reach it.
     */
    private static final int WAKE_WARM_UP_SESSIONS = 3_000;
    /** The warm-up wakes this many times faster than the measured wake-ups, so it takes 10 s at the default rate. */
    private static final int WAKE_WARM_UP_SPEED = 3;

    private SessionsBenchmark() {}

    /**
     * What to run. {@code url} is {@code null} to start {@code server}; {@code appHome} is the packaged app's layout
     * when that is an app. A {@code rate} of 0 drives no events: the sessions stay idle, heartbeats only, for the
     * warm-up and the duration (so any page works; events need the counter's page contract). {@code prime} is how
     * long the server is primed before anything is measured (one round at least): on 2 cores the Graal JIT takes a
     * minute or more to compile itself and the hot paths, and sessions that join meanwhile join slowly, long enough
     * for the first to hibernate before the last has joined.
     */
    record Options(
            int sessions,
            int rate,
            Duration duration,
            Duration warmUp,
            Duration prime,
            URI url,
            Path appHome,
            Server server,
            Idle idle,
            int byClass) {}

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
     * The idle mode ({@code --idle}): only the first {@code active} sessions get the events while the others stay
     * idle for the whole run (warm-up and measured part, longer than the server's hibernation time); then one
     * event each wakes {@code wakeSessions} of the idle ones (after up to {@value #WAKE_WARM_UP_SESSIONS} others,
     * woken {@value #WAKE_WARM_UP_SPEED} times as fast, whose wake-ups are only printed), {@code wakeRate} a second,
     * while the active ones get {@code besideRate} events a second in all (0: none, the server is otherwise idle
     * while it wakes them).
     */
    record Idle(int active, int wakeSessions, int wakeRate, int besideRate) {}

    /**
     * Every figure of a run; {@code heapPerSessionBytes}, {@code contextsOpen} and {@code contextsHibernating} (before
     * the wake-up) are -1 when not known, {@code
     * wake} is {@code null} outside the idle mode. Sessions that failed to join count as errors.
     */
    record SessionFigures(
            int joined,
            SessionLoad.Result load,
            ServerShare share,
            long heapPerSessionBytes,
            long contextsOpen,
            long contextsHibernating,
            SessionLoad.Result wake) {
        void print(PrintStream out) {
            Figures.print(out, "sessions", joined);
            if (wake != null) {
                Figures.print(out, "active_sessions", load.sessions());
            }
            Figures.print(out, "events_per_s", load.eventsPerSecond());
            Figures.print(out, "event_p50_ms", load.p50Millis());
            Figures.print(out, "event_p99_ms", load.p99Millis());
            Figures.print(out, "event_p99_9_ms", load.p999Millis());
            Figures.print(out, "event_max_ms", load.maxMillis());
            Figures.print(out, "event_sent_late_p99_ms", load.sentLateP99Millis());
            share.print(out);
            Figures.print(
                    out, wake == null ? "heap_per_session_bytes" : "heap_per_idle_session_bytes", heapPerSessionBytes);
            Figures.print(out, "contexts_open", contextsOpen);
            if (wake != null) {
                Figures.print(out, "contexts_hibernating", contextsHibernating);
                Figures.print(out, "woken_sessions", wake.sessions());
                Figures.print(out, "wake_p50_ms", wake.p50Millis());
                Figures.print(out, "wake_p99_ms", wake.p99Millis());
                Figures.print(out, "wake_p99_9_ms", wake.p999Millis());
                Figures.print(out, "wake_max_ms", wake.maxMillis());
                Figures.print(out, "wake_sent_late_p99_ms", wake.sentLateP99Millis());
            }
            Figures.print(out, "errors", (wake == null ? load : wake).errors());
        }
    }

    /**
     * What the server and the load generator each took while the events ran (warm-up and measured seconds), so a
     * tail can be split between them on a shared machine: the cores each process kept busy on average (-1 for a
     * server not started here) and the server's own latency of its JS calls (the pool's
     * {@code jsctx_call_latency_seconds}: queued on the context's runtime thread plus run; Helidon computes its
     * percentiles over the last two minutes or so; -1 for a server without JS contexts).
     */
    record ServerShare(double serverCores, double clientCores, double callP50Millis, double callP99Millis) {
        void print(PrintStream out) {
            Figures.print(out, "server_cpu_cores", serverCores);
            Figures.print(out, "client_cpu_cores", clientCores);
            Figures.print(out, "server_call_p50_ms", callP50Millis);
            Figures.print(out, "server_call_p99_ms", callP99Millis);
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
                : ServerProcess.packagedApp(options.appHome(), launcher, "", log)) {
            SessionFigures figures = measure(options, app.base(), app, out);
            figures.print(out);
            return figures;
        }
    }

    private static SessionFigures measure(Options options, URI base, ServerProcess app, PrintStream out)
            throws IOException, InterruptedException {
        out.printf(
                "# priming the server for %d s: rounds of %d sessions that join, send for 2 s and leave%n",
                options.prime().toSeconds(), PRIMING_SESSIONS);
        long primeEnd = System.nanoTime() + options.prime().toNanos();
        do {
            try (SessionLoad primer = new SessionLoad(base, out)) {
                primer.connect(PRIMING_SESSIONS);
                primer.drive(options.rate() == 0 ? 0 : PRIMING_SESSIONS * 5, Duration.ZERO, Duration.ofSeconds(2));
            }
        } while (System.nanoTime() < primeEnd);
        out.println("# the measured sessions");
        long heapBefore = app == null ? -1 : app.heapUsedAfterGc();
        ClassHistogram classesBefore = app != null && options.byClass() > 0 ? app.classHistogram() : null;
        try (SessionLoad load = new SessionLoad(base, out)) {
            int joined = load.connect(options.sessions());
            Idle idle = options.idle();
            if (idle != null) {
                out.printf(
                        "# idle mode: %d sessions get the events, %d stay idle for %d s%n",
                        Math.min(idle.active(), joined),
                        Math.max(0, joined - idle.active()),
                        options.warmUp().plus(options.duration()).toSeconds());
            }
            CpuClock cpu = new CpuClock(app);
            SessionLoad.Result result = idle == null
                    ? load.drive(options.rate(), options.warmUp(), options.duration())
                    : load.drive(options.rate(), options.warmUp(), options.duration(), idle.active());
            double[] callMillis = callLatencyMillis(base, out);
            ServerShare share = new ServerShare(cpu.serverCores(), cpu.clientCores(), callMillis[0], callMillis[1]);
            long heapPerSession = -1;
            if (app != null && joined > 0) {
                long heapAfter = app.heapUsedAfterGc();
                out.printf(
                        "# server heap after GC: %d MB before, %d MB with the sessions open%n",
                        heapBefore >> 20, heapAfter >> 20);
                heapPerSession = (heapAfter - heapBefore) / joined;
                if (classesBefore != null) {
                    app.classHistogram().printGrowth(classesBefore, joined, options.byClass(), "session", out);
                }
            }
            long contextsOpen = contextsOpen(base, out);
            long hibernating = idle == null ? -1 : healthDetail(base, "contextsHibernating", out);
            SessionLoad.Result wake = idle == null ? null : wake(load, idle, joined);
            return new SessionFigures(joined, result, share, heapPerSession, contextsOpen, hibernating, wake);
        }
    }

    /**
     * Wakes up to {@value #WAKE_WARM_UP_SESSIONS} idle sessions that the measured wake-ups do not need, then
     * {@code idle.wakeSessions()} more for the figures.
     */
    private static SessionLoad.Result wake(SessionLoad load, Idle idle, int joined) throws InterruptedException {
        int spare = Math.max(0, joined - idle.active() - idle.wakeSessions());
        int warmUp = Math.min(WAKE_WARM_UP_SESSIONS, spare);
        load.wake(idle.active(), idle.active(), warmUp, idle.wakeRate() * WAKE_WARM_UP_SPEED, 0, "wake-up warm-up");
        return load.wake(
                idle.active(),
                idle.active() + warmUp,
                idle.wakeSessions(),
                idle.wakeRate(),
                idle.besideRate(),
                "wake-up");
    }

    /** The pool's open contexts, from the counter app's health details; -1 if the server has no such check. */
    private static long contextsOpen(URI base, PrintStream out) {
        return healthDetail(base, "contextsOpen", out);
    }

    /** Average cores busy in the server and in this JVM since it was made. */
    private static final class CpuClock {
        private final ProcessHandle server;
        private final ProcessHandle client = ProcessHandle.current();
        private final long startNanos = System.nanoTime();
        private final Duration serverStart;
        private final Duration clientStart = cpuOf(client);

        CpuClock(ServerProcess server) {
            this.server = server == null ? null : server.handle();
            serverStart = this.server == null ? Duration.ZERO : cpuOf(this.server);
        }

        double serverCores() {
            return server == null ? -1 : cores(cpuOf(server).minus(serverStart));
        }

        double clientCores() {
            return cores(cpuOf(client).minus(clientStart));
        }

        private double cores(Duration cpu) {
            return cpu.toNanos() / (double) (System.nanoTime() - startNanos);
        }

        /** The CPU time a process has used so far, zero if the OS does not say. */
        private static Duration cpuOf(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    /**
     * The server's {@code jsctx_call_latency_seconds} quantiles 0.5 and 0.99 on {@code /observe/metrics}, in
     * milliseconds; -1 each if it has none (the trivial view).
     */
    private static double[] callLatencyMillis(URI base, PrintStream out) {
        double[] millis = {-1, -1};
        String[] quantiles = {"quantile=\"0.5\"", "quantile=\"0.99\""};
        try (LiveClient client = LiveClient.create(base)) {
            for (String line : client.get("/observe/metrics").split("\n")) {
                if (!line.startsWith("jsctx_call_latency_seconds{")) {
                    continue;
                }
                for (int i = 0; i < quantiles.length; i++) {
                    if (line.contains(quantiles[i])) {
                        millis[i] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
                    }
                }
            }
        } catch (RuntimeException e) {
            out.println("# the server's JS call latency unknown: " + e.getMessage());
        }
        return millis;
    }

    /** A number in the server's health details, such as the pool's {@code contextsOpen}; -1 if it has none. */
    private static long healthDetail(URI base, String key, PrintStream out) {
        try (LiveClient client = LiveClient.create(base)) {
            JsonObject health = Json.createReader(new StringReader(client.get("/observe/health")))
                    .readObject();
            for (JsonValue check : health.getJsonArray("checks")) {
                JsonObject data = check.asJsonObject().getJsonObject("data");
                if (data != null && data.containsKey(key)) {
                    return data.getJsonNumber(key).longValue();
                }
            }
        } catch (RuntimeException e) {
            out.println("# " + key + " unknown: " + e.getMessage());
        }
        return -1;
    }
}
