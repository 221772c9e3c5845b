package dev.jsctx.counter;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

/** The counter on GraalJS, the default engine. */
@ServerTest
class CounterOnGraalIT extends CounterSessionsIT {
    CounterOnGraalIT(WebServer server) {
        super(server);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        setUp(server, "graal");
    }
}
