package dev.jsctx.it;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The packaged counter app, running in its own container, seen from outside the way a user meets it.
 *
 * <p>{@link #start(Setup)} starts a container and waits until {@code /observe/health} answers 200; {@link #close()}
 * removes it (Ryuk cannot run here, so nothing else would). Test classes get one through
 * {@link CounterAppExtension}, which also prints the app's log when a test fails.
 *
 * <p>Thread-safe: the HTTP helpers may be called from many threads.
 */
final class CounterApp implements AutoCloseable {

    /** Label on every container the tests start, so a CI script can find leftovers of an interrupted run. */
    static final String LABEL = "dev.jsctx.it";

    private static final System.Logger LOGGER = System.getLogger(CounterApp.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final GenericContainer<?> container;
    private final int hostPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private CounterApp(GenericContainer<?> container) {
        this.container = container;
        this.hostPort = container.getMappedPort(CounterAppImage.PORT);
    }

    /**
     * How a test class wants its container.
     *
     * @param env         environment variables of the app, on top of the image's (Helidon maps {@code POOL_THREADS}
     *                    to {@code pool.threads}, {@code JAVA_OPTS} goes to the JVM)
     * @param fixedPort whether the app is published on a host port chosen up front rather than by Docker, so it
     *                  keeps its address across {@link #restart()}: Docker gives a container published on a random
     *                  host port a new one when it restarts
     * @param allowedOrigins origins for {@code LIVEVIEW_ALLOWED_ORIGINS}, to which the app's own address as the
     *                  tests reach it is added (a listed origin is also the only Host a request may name); none:
     *                  the variable is not set
     */
    record Setup(Map<String, String> env, boolean fixedPort, List<String> allowedOrigins) {

        Setup {
            env = Map.copyOf(env);
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /**
         * The image's defaults, a random host port; views outlive a dropped connection by 2 s instead of 30, so
         * the tests see a closed tab's context close soon.
         */
        static Setup defaults() {
            // A call limit of 10 s, not the shipped 1 s: no it-test is about the limit, and a tab's first add, in a
            // container whose JIT is still compiling on 2 cores shared with Chromium, once ran past 1 s in CI
            // (CounterPageIT.addFormAddsOrExplains: the count stayed 0).
            return new Setup(Map.of("LIVEVIEW_RESUME_WINDOW", "PT2S", "POOL_CALL_TIMEOUT", "PT10S"), false, List.of());
        }

        Setup withEnv(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(env);
            more.put(name, value);
            return new Setup(more, fixedPort, allowedOrigins);
        }

        /** On a fixed host port, so that {@link #restart()} keeps the app's address. */
        Setup restartable() {
            return new Setup(env, true, allowedOrigins);
        }

        /** Also allows {@code origin} to open the WebSocket; the app gets a host port chosen up front. */
        Setup allowingOrigin(String origin) {
            List<String> more = new ArrayList<>(allowedOrigins);
            more.add(origin);
            return new Setup(env, true, more);
        }
    }

    /**
     * Starts the app in a new container and waits until it is ready. If it does not get ready, the container is
     * removed before the failure is thrown.
     *
     * @param setup the container's settings
     * @return the running app; close it to remove the container
     */
    static CounterApp start(Setup setup) {
        ItEnvironment.requireDocker();
        GenericContainer<?> container = new GenericContainer<>(CounterAppImage.get())
                .withExposedPorts(CounterAppImage.PORT)
                .withEnv(setup.env())
                .withLabel(LABEL, "true")
                .waitingFor(Wait.forHttp("/observe/health").forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT));
        if (setup.fixedPort()) {
            int port = freeHostPort();
            if (!setup.allowedOrigins().isEmpty()) {
                List<String> origins = new ArrayList<>(setup.allowedOrigins());
                origins.add("http://localhost:" + port);
                container.withEnv("LIVEVIEW_ALLOWED_ORIGINS", String.join(",", origins));
            }
            container.withCreateContainerCmdModifier(create -> create.getHostConfig()
                    .withPortBindings(new Ports(ExposedPort.tcp(CounterAppImage.PORT), Ports.Binding.bindPort(port))));
        }
        try {
            container.start();
            return new CounterApp(container);
        } catch (RuntimeException | Error e) {
            if (container.getContainerId() != null) {
                LOGGER.log(System.Logger.Level.ERROR, "The app did not get ready; its log:\n{0}", container.getLogs());
            }
            container.stop();
            throw e;
        }
    }

    /**
     * Restarts the container as {@code docker restart} does (the app gets SIGTERM, then starts again) and waits
     * until it is ready. Only for an app started with {@link Setup#restartable()}.
     *
     * @throws IllegalStateException if Docker published the app on another host port after the restart
     */
    void restart() throws Exception {
        var docker = DockerClientFactory.instance().client();
        docker.restartContainerCmd(container.getContainerId()).withTimeout(10).exec();
        Ports.Binding[] bindings = docker.inspectContainerCmd(container.getContainerId())
                .exec()
                .getNetworkSettings()
                .getPorts()
                .getBindings()
                .get(ExposedPort.tcp(CounterAppImage.PORT));
        String portNow = bindings == null || bindings.length == 0 ? null : bindings[0].getHostPortSpec();
        if (!String.valueOf(hostPort).equals(portNow)) {
            throw new IllegalStateException(
                    "after the restart the app is on host port " + portNow + ", not " + hostPort);
        }
        Poll.until(
                "the app answering /observe/health with 200 after the restart",
                STARTUP_TIMEOUT,
                this::healthStatus,
                status -> status == 200);
    }

    /** The address of a path on the app, as a browser on this machine reaches it, e.g. {@code uri("/")}. */
    URI uri(String path) {
        return URI.create(origin() + path);
    }

    /** The app's origin, as a browser sends it in the WebSocket upgrade, e.g. {@code http://localhost:32768}. */
    String origin() {
        return "http://" + container.getHost() + ":" + hostPort;
    }

    /** GETs a path and returns the response, whatever its status. */
    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", accept)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a JSON document, e.g. {@code /observe/health}; fails unless the status is 200. */
    JsonObject json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, "application/json");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /**
     * The app's health: fails unless {@code /observe/health} answers 200 with status {@code UP}.
     *
     * @return the checks by name, e.g. {@code pool}, each with its {@code status} and {@code data}
     */
    Map<String, JsonObject> healthChecks() throws IOException, InterruptedException {
        JsonObject health = json("/observe/health");
        if (!"UP".equals(health.getString("status", null))) {
            throw new AssertionError("the app is not UP: " + health);
        }
        Map<String, JsonObject> checks = new LinkedHashMap<>();
        health.getJsonArray("checks")
                .getValuesAs(JsonObject.class)
                .forEach(check -> checks.put(check.getString("name"), check));
        return checks;
    }

    /** The status {@code /observe/health} answers now, or -1 while nothing listens. */
    private int healthStatus() throws InterruptedException {
        try {
            return get("/observe/health", "application/json").statusCode();
        } catch (IOException notListening) {
            return -1;
        }
    }

    /** The app's metrics now, from {@code /observe/metrics}. */
    Metrics metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/observe/metrics", "text/plain");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /observe/metrics answered " + response.statusCode());
        }
        return Metrics.parse(response.body());
    }

    /** The JS contexts open in the app now ({@code jsctx_contexts_open}). */
    int contextsOpen() throws IOException, InterruptedException {
        return (int) metrics()
                .total("jsctx_contexts_open")
                .orElseThrow(() -> new AssertionError("the app serves no jsctx_contexts_open metric"));
    }

    /** Everything the app wrote to stdout and stderr so far. */
    String logs() {
        return container.getLogs();
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        container.stop();
    }

    private static int freeHostPort() {
        // Closed again at once: Docker binds it moments later. Another process taking it in between fails the start
        // with a clear "port is already allocated".
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    @Override
    public String toString() {
        return "CounterApp[" + origin() + ", container " + container.getContainerId() + "]";
    }
}
