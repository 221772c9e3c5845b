package dev.jsctx.examples.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.liveview.test.LiveTestServer;
import dev.jsctx.liveview.test.LiveTestView;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "test your view" sample: the counter driven with liveview-test, over a real server. */
// tag::live-test[]
class CounterLiveTest {

    @Test
    void addsWhatTheFormSendsAndExplainsABadAmount() {
        LiveViewFeature views =
                LiveViewFeature.builder().view("/", CounterLive::new).build();
        try (LiveTestServer server = LiveTestServer.start(views); // a random loopback port
                LiveTestView view = server.mount("/")) { // GET the page, open the socket, join
            view.click("#inc"); // its data-jsctx-click event
            assertEquals("1", view.text("#count")); // CSS selectors on the rendered HTML (jsoup)
            view.submit("#add", Map.of("amount", "41")); // the form's fields, these values over them
            assertEquals("42", view.text("#count"));
            view.submit("#add", Map.of("amount", "abc"));
            assertEquals("Amount must be a whole number", view.text("#error"));
            assertEquals("42", view.text("#count"));
        }
    }
}
// end::live-test[]
