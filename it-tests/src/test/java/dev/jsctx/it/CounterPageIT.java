package dev.jsctx.it;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterPageIT {

    @Test
    @DisplayName("a browser opening the counter sees 0 and no console errors")
    void pageShowsZero() throws Exception {
        CounterApp.test(app -> {
            try (Browser browser = Browser.open()) {
                browser.load(app.uri("/"));

                browser.awaitText("#count", "0");
                assertEquals(List.of(), browser.consoleErrors(), "browser console errors");
            }
        });
    }
}
