package dev.jsctx.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.liveview.test.RecordingSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the counter's live refreshes")
class LiveSessionsTest {

    @Test
    @DisplayName("go on after a round failed, even with an Error")
    void surviveAFailedRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        try (LiveSessions sessions = new LiveSessions(Duration.ofMillis(1), () -> {
            switch (rounds.incrementAndGet()) {
                case 1 -> throw new OutOfMemoryError("simulated");
                case 2 -> throw new IllegalStateException("the pool is closing");
                default -> {
                    return rounds.get();
                }
            }
        })) {
            RecordingSession session = RecordingSession.create("test");
            AutoCloseable joined = sessions.join(session);
            assertEquals(
                    Optional.of(LiveSessions.REFRESH),
                    session.poll(Duration.ofSeconds(30)),
                    "a refresh came after the failed rounds");
            joined.close();
        }
    }
}
