package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests with a bound, never on luck: every wait polls or blocks until a deadline and then fails the
 * test saying what it waited for.
 */
public final class Await {
    /** How long any wait lasts before the test fails; long enough for a loaded CI machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Await() {}

    /**
     * Polls until the condition holds.
     *
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     */
    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * @param stage a stage
     * @param <T>   its value's type
     * @return the stage's value
     * @throws RuntimeException the stage's failure itself (not wrapped), or an {@link AssertionError} when it did
     *     not complete in time or failed with a checked exception
     */
    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new AssertionError("The stage failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("The stage did not complete within " + PATIENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * @param stage a stage expected to fail
     * @return the exception it failed with
     */
    public static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return fail("Expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("The stage did not complete within " + PATIENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
