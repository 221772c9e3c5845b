package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.spi.Completion;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Assertions;

/** A {@link Completion} that records its outcome and checks it was completed exactly once. */
final class Outcome implements Completion {
    private JsonValue value;
    private RuntimeException error;
    private int completions;

    @Override
    public void complete(JsonValue value) {
        this.value = value;
        completions++;
    }

    @Override
    public void fail(RuntimeException error) {
        this.error = error;
        completions++;
    }

    boolean isDone() {
        return completions > 0;
    }

    JsonValue value() {
        assertEquals(1, completions, "completed exactly once");
        if (error != null) {
            Assertions.fail("expected a value, got " + error, error);
        }
        return value;
    }

    <T extends RuntimeException> T error(Class<T> type) {
        assertEquals(1, completions, "completed exactly once");
        assertNull(value, "expected an error, got " + value);
        assertNotNull(error);
        assertTrue(type.isInstance(error), "expected " + type.getSimpleName() + ", got " + error);
        return type.cast(error);
    }
}
