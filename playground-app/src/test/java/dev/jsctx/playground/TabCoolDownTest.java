package dev.jsctx.playground;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A tab's cool-down: from its last time-out, for the period, whatever the clock's origin. */
class TabCoolDownTest {
    private final AtomicLong now =
            new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(30).toNanos()); // wraps below
    private final TabCoolDown coolDown = new TabCoolDown(Duration.ofSeconds(60), now::get);

    @Test
    void aTabThatNeverTimedOutDoesNotCoolDown() {
        assertFalse(coolDown.active());
    }

    @Test
    void coolsDownForThePeriodAfterItsLastTimeOut() {
        coolDown.offended();
        advance(Duration.ofSeconds(59));
        assertTrue(coolDown.active());
        advance(Duration.ofSeconds(1));
        assertFalse(coolDown.active());
    }

    @Test
    void aLaterTimeOutStartsThePeriodAgain() {
        coolDown.offended();
        advance(Duration.ofSeconds(50));
        coolDown.offended();
        advance(Duration.ofSeconds(50));
        assertTrue(coolDown.active());
        advance(Duration.ofSeconds(10));
        assertFalse(coolDown.active());
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
