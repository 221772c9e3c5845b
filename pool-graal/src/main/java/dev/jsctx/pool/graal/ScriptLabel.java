package dev.jsctx.pool.graal;

import dev.jsctx.pool.spi.ContextHost;
import java.util.function.Supplier;

/**
 * The label a context's output streams print, copied from {@link ContextHost#label()} each time the context is
 * entered (a spare's label changes when it starts serving). The streams hold this and not the host: they are
 * reachable from the polyglot context, and Truffle's heap calculation ({@link ContextHeapMeter}) must not reach
 * the pool's objects, and through them the polyglot context itself, from there.
 */
final class ScriptLabel implements Supplier<String> {
    private volatile String label;

    ScriptLabel(String label) {
        this.label = label;
    }

    /** On the runtime thread, as the context is entered for a call, an evaluation or a timer. */
    void refresh(ContextHost host) {
        label = host.label();
    }

    @Override
    public String get() {
        return label;
    }
}
