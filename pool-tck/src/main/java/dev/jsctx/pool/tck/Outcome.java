package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jsctx.pool.spi.Completion;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Completion} for tests that use an engine without the pool: keeps the first outcome, as the pool does,
 * and fails the test if the engine completes off the runtime thread.
 */
public final class Outcome implements Completion {
    private final Thread runtimeThread;
    private final CompletableFuture<JsonValue> result = new CompletableFuture<>();

    Outcome(Thread runtimeThread) {
        this.runtimeThread = runtimeThread;
    }

    @Override
    public void complete(JsonValue value) {
        if (onRuntimeThread()) {
            result.complete(value);
        }
    }

    @Override
    public void fail(RuntimeException error) {
        if (onRuntimeThread()) {
            result.completeExceptionally(error);
        }
    }

    private boolean onRuntimeThread() {
        if (Thread.currentThread() != runtimeThread) {
            result.obtrudeException(
                    new AssertionError("completed off the runtime thread, on " + Thread.currentThread()));
            return false;
        }
        return true;
    }

    /** @return whether the engine delivered an outcome */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Waits for the outcome.
     *
     * @return the value
     * @throws RuntimeException the error the call failed with, as it is
     */
    public JsonValue value() {
        return Await.join(result);
    }

    /**
     * Waits for the outcome and checks it is an error of that type.
     *
     * @param type the expected type
     * @param <T>  the type
     * @return the error
     */
    public <T extends Throwable> T error(Class<T> type) {
        return assertInstanceOf(type, Await.failure(result), "the call's failure");
    }
}
