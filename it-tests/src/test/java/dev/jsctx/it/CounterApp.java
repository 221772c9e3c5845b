package dev.jsctx.it;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The packaged counter app, running in its own container, seen from outside the way a user meets it.
 *
 * <p>{@link #test(Scenario)} is the one call a test makes: it starts a fresh container, waits until
 * {@code /observe/health} answers 200, runs the scenario, prints the app's log if the scenario fails, and always
 * removes the container, so nothing is left behind even when a test fails (Ryuk cannot run here).
 */
final class CounterApp {

    /** Label on every container the tests start, so a CI script can find leftovers of an interrupted run. */
    static final String LABEL = "dev.jsctx.it";

    private static final System.Logger LOGGER = System.getLogger(CounterApp.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final GenericContainer<?> container;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private CounterApp(GenericContainer<?> container) {
        this.container = container;
    }

    /** What a test does with a running app. */
    @FunctionalInterface
    interface Scenario {
        void run(CounterApp app) throws Exception;
    }

    /**
     * Starts the app in a new container, runs {@code scenario} against it, then removes the container.
     *
     * @param scenario the test body; it may throw anything, which fails the test after the app's log is printed
     * @throws Exception what the scenario or the container start threw
     */
    static void test(Scenario scenario) throws Exception {
        ItEnvironment.requireDocker();
        try (GenericContainer<?> container = new GenericContainer<>(CounterAppImage.get())
                .withExposedPorts(CounterAppImage.PORT)
                .withLabel(LABEL, "true")
                .waitingFor(Wait.forHttp("/observe/health").forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT))) {
            container.start();
            try {
                scenario.run(new CounterApp(container));
            } catch (Exception | Error e) {
                LOGGER.log(System.Logger.Level.ERROR, "Scenario failed; the app's log:\n{0}", container.getLogs());
                throw e;
            }
        }
    }

    /** The address of a path on the app, as a browser on this machine reaches it, e.g. {@code uri("/")}. */
    URI uri(String path) {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(CounterAppImage.PORT)
                + path);
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

    /** The app's metrics now, from {@code /observe/metrics}. */
    Metrics metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/observe/metrics", "text/plain");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /observe/metrics answered " + response.statusCode());
        }
        return Metrics.parse(response.body());
    }
}
