package dev.jsctx.examples.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LivePage;
import dev.jsctx.liveview.client.LiveReply;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** liveview/README.md's sample view and its Java client sample, on a real server. */
class CounterLiveIT {
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = CounterServer.start(Config.just(ConfigSources.create(Map.of("server.port", "0"))));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    @DisplayName("the README's client sample adds 5 to a fresh counter")
    void clientSample() {
        // tag::client[]
        URI base = URI.create("http://localhost:" + server.port()); // server: the WebServer above
        try (LiveClient client = LiveClient.create(base)) {
            LivePage page = client.page("/"); // GET: the join token, and the session cookie it is bound to
            LiveConnection tab = client.connect(base.toString()); // Origin header and cookie, as a browser sends
            tab.join(page.token()); // reply holds the full render
            LiveReply reply = tab.event("add", Map.of("amount", "5")); // waits for the reply with its ref
            String count = tab.dynamic(0); // first dynamic, after the diff
            String html = tab.html(); // the container's current HTML
            // end::client[]
            assertTrue(reply.ok(), reply.toString());
            assertEquals("5", count);
            assertTrue(html.contains("<p id=\"count\">5</p>"), html);
            // tag::client[]
        }
        // end::client[]
    }

    @Test
    @DisplayName("a bad amount is explained in #error and the view goes on counting")
    void badAmount() {
        URI base = URI.create("http://localhost:" + server.port());
        try (LiveClient client = LiveClient.create(base)) {
            LivePage page = client.page("/");
            LiveConnection tab = client.connect(base.toString());
            tab.join(page.token());
            tab.event("inc");
            for (String amount : new String[] {"abc", "", "1.5", "99999999999999999999"}) {
                LiveReply reply = tab.event("add", Map.of("amount", amount));
                assertTrue(reply.ok(), "a bad amount is a handled event, not a crash: " + reply);
                assertEquals("1", tab.dynamic(0));
                assertEquals("Amount must be a whole number", tab.dynamic(1));
            }
            assertTrue(tab.event("add", Map.of("amount", " 4 ")).ok());
            assertEquals("5", tab.dynamic(0));
            assertEquals("", tab.dynamic(1), "#error clears once an amount is accepted");
            assertFalse(tab.event("explode").ok(), "an unknown event is refused");
            assertTrue(tab.event("dec").ok(), "and the view is still there");
            assertEquals("4", tab.dynamic(0));
        }
    }
}
