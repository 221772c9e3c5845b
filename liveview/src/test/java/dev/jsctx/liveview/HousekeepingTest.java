package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("housekeeping rounds")
class HousekeepingTest {

    @Test
    @DisplayName("a round that throws, even an Error, does not end the chore; failures are logged once per interval")
    void survivesAnyThrowable() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        Runnable round = () -> {
            switch (rounds.incrementAndGet()) {
                case 1 -> throw new OutOfMemoryError("simulated");
                case 2 -> throw new IllegalStateException("simulated too");
                default -> {}
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (LogCapture log = LogCapture.start()) {
            scheduler.scheduleWithFixedDelay(new Housekeeping("test chore", round), 0, 1, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rounds.get() < 5) {
                assertTrue(System.nanoTime() - deadline < 0, "only " + rounds.get() + " rounds ran");
                Thread.sleep(1);
            }
            LogRecord logged = log.records().stream()
                    .filter(r -> r.getMessage().contains("test chore"))
                    .reduce((a, b) -> {
                        throw new AssertionError("logged twice within the interval: " + log.lines());
                    })
                    .orElseThrow(() -> new AssertionError("not logged: " + log.lines()));
            assertEquals(OutOfMemoryError.class, logged.getThrown().getClass());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
