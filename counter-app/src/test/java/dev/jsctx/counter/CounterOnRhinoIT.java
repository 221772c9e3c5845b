package dev.jsctx.counter;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

/** The counter on Mozilla Rhino, chosen by configuration. */
@ServerTest
class CounterOnRhinoIT extends CounterSessionsIT {
    CounterOnRhinoIT(WebServer server) {
        super(server);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        setUp(server, "rhino");
    }
}
