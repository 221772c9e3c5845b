package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's done-criterion: a real Chromium tab keeps working while another client, from the same address,
 * joins in a loop with one token, opens sockets up to its limit and floods them with malformed messages.
 */
class CounterPageUnderAttackIT {

    @RegisterExtension
    static final CounterAppExtension APP = new CounterAppExtension(CounterApp.Setup.defaults());

    private static final int JOINERS = 8;
    private static final int FLOODERS = 4;
    private static final int CLICKS = 20;

    @Test
    @DisplayName("a Chromium tab counts 20 clicks while another client joins in a loop and floods")
    void tabKeepsWorkingUnderAttack(CounterApp app) throws Exception {
        try (Browser browser = Browser.open()) {
            Browser.Window tab = browser.connect(app.uri("/"));
            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicInteger joined = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger floodFrames = new AtomicInteger();
            try (LiveClient attacker = LiveClient.create(app.uri("/"));
                    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                String token = attacker.page("/").token();
                List<Future<?>> attacks = new ArrayList<>();
                for (int i = 0; i < JOINERS; i++) {
                    attacks.add(threads.submit(() -> {
                        while (attacking.get()) {
                            try (LiveConnection socket = attacker.connect(app.origin())) {
                                if (socket.join(token).ok()) {
                                    joined.incrementAndGet();
                                }
                            } catch (LiveClientException e) {
                                refused.incrementAndGet(); // closed with 4429, or refused at the upgrade
                            }
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < FLOODERS; i++) {
                    attacks.add(threads.submit(() -> {
                        while (attacking.get()) {
                            try (LiveConnection socket = attacker.connect(app.origin())) {
                                for (int frame = 0; frame < 1000 && attacking.get(); frame++) {
                                    socket.send("{\"type\":\"join\",\"ref\":" + "[".repeat(2000));
                                    floodFrames.incrementAndGet();
                                }
                            } catch (LiveClientException e) {
                                refused.incrementAndGet(); // closed with 1008 for its refusals
                            }
                        }
                        return null;
                    }));
                }

                for (int click = 1; click <= CLICKS; click++) {
                    tab.click("#inc");
                    tab.awaitText("#count", Integer.toString(click));
                }
                attacking.set(false);
                for (Future<?> attack : attacks) {
                    attack.get();
                }
            }
            assertEquals(Integer.toString(CLICKS), tab.text("#count"));
            assertTrue(refused.get() > 0, "the attacker was refused at least once");
            assertEquals(List.of(), browser.consoleErrors(), "browser console errors");
            System.out.printf(
                    "during %d clicks the attacker joined %d views, was refused %d times and sent %d flood frames%n",
                    CLICKS, joined.get(), refused.get(), floodFrames.get());
        }
    }
}
