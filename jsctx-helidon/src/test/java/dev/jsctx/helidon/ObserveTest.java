package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.CallTimeoutException;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.Script;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A pool from {@link ContextPoolSupport} on a real server, observed through Helidon's {@code /observe}. */
@ServerTest
@DisplayName("the pool at /observe")
class ObserveTest {
    private static final ContextSpec SPEC = ContextSpec.builder()
            .addScript(Script.ofText(
                    "observed.js",
                    "function ok() { return 1 } function fail() { throw new TypeError('no') }"
                            + " function spin() { while (true) { } }"))
            .callTimeout(Duration.ofMillis(200))
            .label("observed")
            .build();

    private static ContextPoolSupport jsctx;

    private final Http1Client client;

    ObserveTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        jsctx = ContextPoolSupport.create(
                Config.just(ConfigSources.create(Map.of("pool.engine", "rhino", "pool.threads", "2")))
                        .get("pool"));
        server.addFeature(ObserveFeature.just(
                HealthObserver.builder()
                        .details(true)
                        .addCheck(jsctx.healthCheck())
                        .build(),
                MetricsObserver.create()));
    }

    @AfterAll
    static void closePool() {
        jsctx.close();
    }

    @Test
    @DisplayName("the meters are served under their Prometheus names and count what the pool did")
    void metrics() {
        try (JsContext context = jsctx.pool().open(SPEC)) {
            context.call("ok");
            context.call("ok");
            assertThrows(JsException.class, () -> context.call("fail"));
            assertThrows(CallTimeoutException.class, () -> context.call("spin"));

            String text = get("/observe/metrics");

            assertEquals(1, sample(text, "jsctx_contexts_open"), text);
            assertEquals(0, sample(text, "jsctx_contexts_hibernating"), text);
            assertEquals(0, sample(text, "jsctx_hibernations_total"), text);
            assertEquals(0, sample(text, "jsctx_wakes_total"), text);
            assertEquals(4, sample(text, "jsctx_calls_total"), text);
            assertEquals(2, sample(text, "jsctx_call_errors_total"), text);
            assertEquals(1, sample(text, "jsctx_call_timeouts_total"), text);
            assertEquals(4, sample(text, "jsctx_call_latency_seconds_count"), text);
            assertTrue(sample(text, "jsctx_call_latency_seconds_max") >= 0.2, text);
            for (String quantile : List.of("0.5", "0.99")) {
                assertTrue(
                        Pattern.compile("(?m)^jsctx_call_latency_seconds\\{[^}]*quantile=\"" + quantile + "\"")
                                .matcher(text)
                                .find(),
                        () -> "quantile " + quantile + " in\n" + text);
            }
            assertEquals(
                    List.of(
                            "counter jsctx_call_errors_total",
                            "counter jsctx_call_timeouts_total",
                            "counter jsctx_calls_total",
                            "counter jsctx_hibernations_total",
                            "counter jsctx_wakes_total",
                            "gauge jsctx_call_latency_seconds_max", // Micrometer's own companion of a timer
                            "gauge jsctx_contexts_hibernating",
                            "gauge jsctx_contexts_open",
                            "summary jsctx_call_latency_seconds"),
                    Pattern.compile("(?m)^# TYPE (jsctx_\\S+) (\\S+)")
                            .matcher(text)
                            .results()
                            .map(m -> m.group(2) + " " + m.group(1))
                            .sorted()
                            .toList(),
                    "the pool's metric families and their types");
        }
    }

    @Test
    @DisplayName("the readiness check is UP and names the engine")
    void healthUp() {
        try (Http1ClientResponse response = client.get("/observe/health/ready").request()) {
            assertEquals(Status.OK_200, response.status());
            JsonObject check = check(response.as(String.class));
            assertEquals("UP", check.getString("status"), check::toString);
            JsonObject data = check.getJsonObject("data");
            assertEquals("RUNNING", data.getString("status"), check::toString);
            assertEquals("rhino", data.getString("engine"), check::toString);
            assertEquals(2, data.getInt("threads"), check::toString);
        }
    }

    private String get(String path) {
        try (Http1ClientResponse response = client.get(path).request()) {
            assertEquals(Status.OK_200, response.status(), path);
            return response.as(String.class);
        }
    }

    /** The value of the one sample of {@code name} without labels but Helidon's scope, or fails. */
    private static double sample(String text, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)")
                .matcher(text);
        assertTrue(matcher.find(), () -> name + " in\n" + text);
        return Double.parseDouble(matcher.group(1));
    }

    /** The pool's check in a health answer with details. */
    static JsonObject check(String health) {
        return Json.createReader(new StringReader(health)).readObject().getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(check -> check.getString("name").equals(PoolHealthCheck.DEFAULT_NAME))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + PoolHealthCheck.DEFAULT_NAME + " check in " + health));
    }
}
