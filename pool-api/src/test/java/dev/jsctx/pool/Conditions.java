package dev.jsctx.pool;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting on conditions with a bound, never on luck.
 */
final class Conditions {
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private Conditions() {}

    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** The stage's value, or its failure's cause thrown as is. */
    static <T> T join(CompletionStage<T> stage) throws Throwable {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("The stage did not complete within " + PATIENCE, e);
        }
    }
}
