package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the README's example")
class ReadmeExampleTest {

    @Test
    @DisplayName("counts in a JS context, and serves the pool's health and meters")
    void runs() {
        Config config = Config.just(ConfigSources.create(Map.of("server.port", "0", "pool.engine", "rhino")));
        try (ReadmeExample.Running app = ReadmeExample.start(config)) {
            Http1Client client = Http1Client.builder()
                    .baseUri("http://localhost:" + app.server().port())
                    .build();
            assertEquals("1", client.get("/inc").requestEntity(String.class));
            try (Http1ClientResponse health =
                    client.get("/observe/health/ready").request()) {
                assertEquals(200, health.status().code());
            }
            String metrics = client.get("/observe/metrics").requestEntity(String.class);
            assertEquals(true, metrics.contains("\njsctx_calls_total"), metrics);
        }
    }
}
