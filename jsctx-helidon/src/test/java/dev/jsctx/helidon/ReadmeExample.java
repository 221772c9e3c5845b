package dev.jsctx.helidon;

import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.Script;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/** The usage example of {@code jsctx-helidon/README.md}, kept here so the build compiles it and a test runs it. */
final class ReadmeExample {
    private ReadmeExample() {}

    // README: begin
    static final ContextSpec COUNTER = ContextSpec.builder()
            .addScript(Script.ofText("counter.js", "let count = 0; function inc() { return ++count }"))
            .label("counter")
            .build();

    /** Starts a server whose /inc counts in a JS context; returns what must be closed, server first. */
    static Running start(Config config) {
        ContextPoolSupport jsctx = ContextPoolSupport.create(config.get("pool"));
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .addFeature(ObserveFeature.just(
                        HealthObserver.builder()
                                .details(true)
                                .addCheck(jsctx.healthCheck())
                                .build(),
                        MetricsObserver.create()))
                .routing(routing -> routing.get("/inc", (request, response) -> {
                    try (JsContext counter = jsctx.pool().open(COUNTER)) {
                        response.send(counter.call("inc").toString());
                    }
                }))
                .build()
                .start();
        return new Running(server, jsctx);
    }

    /** At shutdown: the server first (no more requests), then the pool and its meters. */
    record Running(WebServer server, ContextPoolSupport jsctx) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
            jsctx.close();
        }
    }
    // README: end
}
