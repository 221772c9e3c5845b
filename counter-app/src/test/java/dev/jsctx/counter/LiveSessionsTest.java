package dev.jsctx.counter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.LiveSession;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the counter's live refreshes")
class LiveSessionsTest {

    @Test
    @DisplayName("go on after a round failed, even with an Error")
    void surviveAFailedRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch refreshed = new CountDownLatch(1);
        try (LiveSessions sessions = new LiveSessions(Duration.ofMillis(1), () -> {
            switch (rounds.incrementAndGet()) {
                case 1 -> throw new OutOfMemoryError("simulated");
                case 2 -> throw new IllegalStateException("the pool is closing");
                default -> {
                    return rounds.get();
                }
            }
        })) {
            AutoCloseable joined = sessions.join(new LiveSession() {
                @Override
                public String id() {
                    return "test";
                }

                @Override
                public boolean connected() {
                    return true;
                }

                @Override
                public <T extends AutoCloseable> T own(T resource) {
                    return resource;
                }

                @Override
                public boolean send(Object message) {
                    if (message == LiveSessions.REFRESH) {
                        refreshed.countDown();
                    }
                    return true;
                }
            });
            assertTrue(refreshed.await(30, TimeUnit.SECONDS), "a refresh came after the failed rounds");
            joined.close();
        }
    }
}
