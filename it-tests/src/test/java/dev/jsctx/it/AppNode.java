package dev.jsctx.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a packaged app (the counter's or the chat's {@code target/} layout, launched by its {@code bin/}
 * script with the JIT) as a JVM process on a loopback port: what a user runs on each machine of a deployment.
 * Nodes of one test share a secret, so a page rendered by one joins on the other. {@link #close()} stops it.
 */
final class AppNode implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern SESSIONS_ACTIVE =
            Pattern.compile("(?m)^jsctx_sessions_active(?:\\{[^}]*})? ([0-9.]+)");
    private static final Pattern CONTEXTS_OPEN = Pattern.compile("(?m)^jsctx_contexts_open(?:\\{[^}]*})? ([0-9.]+)");

    private final String name;
    private final LocalProcess process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppNode(String name, LocalProcess process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a node and waits until {@code /observe/health} answers 200.
     *
     * @param name     for messages and its log, e.g. "chat-1"
     * @param appDir   the app's packaged {@code target/} directory
     * @param launcher its script in {@code bin/}, e.g. "chat"
     * @param env      its configuration, on top of a loopback port of its own
     * @param dir      its working directory
     */
    static AppNode start(String name, Path appDir, String launcher, Map<String, String> env, Path dir)
            throws Exception {
        return start(name, appDir, launcher, env, dir, LocalProcess.freePort());
    }

    /** {@link #start(String, Path, String, Map, Path)} on a given port, such as the one a stopped node had. */
    static AppNode start(String name, Path appDir, String launcher, Map<String, String> env, Path dir, int port)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("SERVER_PORT", String.valueOf(port));
        all.put("SERVER_HOST", "127.0.0.1");
        all.put("JAVA_HOME", System.getProperty("java.home"));
        all.putIfAbsent("JAVA_OPTS", "-Xmx256m");
        LocalProcess process = LocalProcess.start(
                name, List.of("sh", appDir.resolve("bin").resolve(launcher).toString()), all, dir);
        AppNode node = new AppNode(name, process, port);
        try {
            Poll.until(name + " answering /observe/health with 200", STARTUP_TIMEOUT, node::health, s -> s == 200);
        } catch (Exception | AssertionError e) {
            process.close();
            throw new AssertionError(name + " did not get ready; its log:\n" + process.log(), e);
        }
        return node;
    }

    /** The packaged app of {@code jsctx.it.<app>Dir}, e.g. {@code chat}. */
    static Path packaged(String app) {
        return Path.of(System.getProperty("jsctx.it." + app + "Dir"));
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.terminate();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    String log() {
        return process.log();
    }

    /** {@code jsctx_sessions_active} from {@code /observe/metrics}: the live tabs this node serves; -1 if unread. */
    int sessionsActive() throws Exception {
        return gauge(SESSIONS_ACTIVE);
    }

    /** {@code jsctx_contexts_open} from {@code /observe/metrics}: the pool's open JS contexts; -1 if unread. */
    int contextsOpen() throws Exception {
        return gauge(CONTEXTS_OPEN);
    }

    private int gauge(Pattern gauge) throws Exception {
        if (!process.alive()) {
            return -1;
        }
        try {
            String metrics = http.send(
                            HttpRequest.newBuilder(uri("/observe/metrics"))
                                    .header("Accept", "text/plain")
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher matcher = gauge.matcher(metrics);
            return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * The node's live heap by class: {@code jcmd GC.class_histogram} (which runs a full collection first) until two
     * readings are within 256 KB of each other, at most five times.
     *
     * @return the last reading
     */
    HeapHistogram liveHeap() throws Exception {
        HeapHistogram previous = null;
        for (int i = 0; i < 5; i++) {
            HeapHistogram live = histogram();
            if (previous != null && Math.abs(previous.totalBytes() - live.totalBytes()) < 256 * 1024) {
                return live;
            }
            previous = live;
        }
        return previous;
    }

    private HeapHistogram histogram() throws Exception {
        process.requireAlive();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        HeapHistogram histogram = HeapHistogram.parse(output);
        if (run.waitFor() != 0 || histogram == null) {
            throw new AssertionError("jcmd GC.class_histogram of " + name + " failed: "
                    + output.substring(Math.max(0, output.length() - 2000)));
        }
        return histogram;
    }

    /** @return the status code of {@code /observe/health}, -1 if it did not answer */
    int health() throws Exception {
        process.requireAlive();
        try {
            return http.send(
                            HttpRequest.newBuilder(uri("/observe/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    @Override
    public String toString() {
        return name + " on " + port;
    }
}
