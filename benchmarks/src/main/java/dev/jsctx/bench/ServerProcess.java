package dev.jsctx.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under load in its own JVM, on a free port, with its heap capped at 2 GB (plus the options in the
 * environment variable {@code COUNTER_JAVA_OPTS}); its output goes to a log file. Either a packaged app
 * ({@code counter-app/target/bin/counter}, {@code playground-app/target/bin/playground}) or the
 * {@link TrivialViewServer}. The benchmark started it, so it can
 * read its heap with {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {
    private static final String HEAP_OPTIONS = "-Xmx2g";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The last line of {@code GC.class_histogram}: {@code Total <instances> <bytes>}, the live objects after the
     * full collection the command makes. Counting objects, not heap regions, gives the same figure under every
     * collector (ZGC's "used" also counts garbage on pages it has not compacted).
     */
    private static final Pattern LIVE_BYTES = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final Process process;
    private final URI base;
    private final Path log;

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts a packaged app of this repository (counter-app's launcher layout) and waits until its health check
     * answers.
     *
     * @param home         the app's layout, with {@code bin/NAME}
     * @param name         the launcher's name: {@code counter}, {@code chat} or {@code playground}
     * @param extraOptions more JVM options, such as {@code -D} settings of the app
     * @param log          the file for the app's output
     * @return the running app
     */
    static ServerProcess packagedApp(Path home, String name, String extraOptions, Path log)
            throws IOException, InterruptedException {
        Path launcher = home.resolve("bin").resolve(name);
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher + " is missing: run 'mvn package' on its app first");
        }
        ProcessBuilder builder = new ProcessBuilder("sh", launcher.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", javaOptions() + " " + extraOptions);
        return start(builder, log);
    }

    /**
     * Starts the {@link TrivialViewServer} on this JVM's class path and waits until its health check answers.
     *
     * @param log the file for the server's output
     * @return the running server
     */
    static ServerProcess trivialView(Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOptions().trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrivialViewServer.class.getName()));
        return start(new ProcessBuilder(command), log);
    }

    /**
     * The load generator is one client (one address) opening thousands of sessions: liveview's per-client and
     * per-server admission limits, made to stop exactly that, are lifted for the server under test.
     */
    static final String LOAD_GENERATOR_LIMITS = "-Dliveview.max-sockets-per-client=1000000"
            + " -Dliveview.max-joins-per-client-per-minute=1000000 -Dliveview.max-views-per-token=1000000"
            + " -Dliveview.max-views=1000000";

    /** COUNTER_JAVA_OPTS adds options, for example a GC log or another collector. */
    private static String javaOptions() {
        return HEAP_OPTIONS + " " + LOAD_GENERATOR_LIMITS + " "
                + System.getenv().getOrDefault("COUNTER_JAVA_OPTS", "");
    }

    private static ServerProcess start(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        int port = freePort();
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        ServerProcess app = new ServerProcess(builder.start(), URI.create("http://localhost:" + port), log);
        try {
            app.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * @return where the app listens
     */
    URI base() {
        return base;
    }

    /**
     * @return the app's process, for what the OS says of it (its CPU time)
     */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Collects garbage in the app until its live heap settles, and returns it.
     *
     * @return bytes of live objects after full collections
     */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long used = heapUsed(); // the histogram collects first
            if (Math.abs(previous - used) < 256 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** Stops the server with SIGTERM (the counter ends its sessions, then its pool), forcibly if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/observe/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    /**
     * The server's live objects by class, after a full collection.
     *
     * @return the histogram
     */
    ClassHistogram classHistogram() throws IOException, InterruptedException {
        return ClassHistogram.parse(jcmd("GC.class_histogram"));
    }

    private long heapUsed() throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        Matcher total = LIVE_BYTES.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no total in jcmd GC.class_histogram output:\n"
                    + histogram.substring(Math.max(0, histogram.length() - 2000)));
        }
        return Long.parseLong(total.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(process.pid()), command))
                .redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes());
        if (run.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
