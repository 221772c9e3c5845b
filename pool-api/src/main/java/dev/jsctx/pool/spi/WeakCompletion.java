package dev.jsctx.pool.spi;

import jakarta.json.JsonValue;
import java.lang.ref.WeakReference;

/** See {@link Completion#weak}. */
final class WeakCompletion implements Completion {
    private final WeakReference<Completion> target;

    WeakCompletion(Completion completion) {
        this.target = new WeakReference<>(completion);
    }

    @Override
    public void complete(JsonValue value) {
        Completion completion = target.get();
        if (completion != null) {
            completion.complete(value);
        }
    }

    @Override
    public void fail(RuntimeException error) {
        Completion completion = target.get();
        if (completion != null) {
            completion.fail(error);
        }
    }
}
