package dev.jsctx.it;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for the app, from outside, until something it shows is as expected or a deadline passes: the tests' one
 * way to wait on state they cannot be told about (metrics, health). Browser pages are waited on with Selenium's
 * {@code WebDriverWait} instead.
 */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /** Reads a value from the app; may fail, which ends the wait. */
    @FunctionalInterface
    interface Probe<T> {
        T read() throws Exception;
    }

    /**
     * Reads {@code probe} every 100 ms until {@code done} accepts the value.
     *
     * @param what    what is awaited, for the failure message, e.g. "contexts open back to 3"
     * @param timeout how long to wait at most
     * @param probe   reads the value
     * @param done    whether the value is the awaited one
     * @return the accepted value
     * @throws AssertionError if the deadline passes first; it names the last value read
     */
    static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.read();
        while (!done.test(value)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last read: " + value);
            }
            Thread.sleep(INTERVAL);
            value = probe.read();
        }
        return value;
    }
}
