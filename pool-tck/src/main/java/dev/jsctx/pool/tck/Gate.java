package dev.jsctx.pool.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a runtime thread inside engine code until the test lets it go, so a test can queue work behind a busy
 * thread and know the thread is busy. Used once: one {@link #hold()} per gate.
 *
 * {@snippet :
 * Gate gate = fake.gate();
 * CompletionStage<JsonValue> held = ctx.callAsync("hold"); // FakeEngine's hold() calls gate.hold()
 * gate.awaitHeld();
 * // ... the runtime thread is busy until:
 * gate.open();
 * }
 */
public final class Gate {
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /** Creates a closed gate. */
    public Gate() {}

    /**
     * Runtime thread, inside engine code: says the thread is held, then waits until the gate opens (at most
     * {@link Await#PATIENCE}, so a broken test cannot hang the build).
     */
    public void hold() {
        arrive();
        try {
            opened.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runtime thread: says the thread got here, without waiting (before spinning or never completing). */
    public void arrive() {
        held.countDown();
    }

    /** Test thread: waits until the runtime thread has arrived. */
    public void awaitHeld() {
        try {
            assertTrue(
                    held.await(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
                    "the runtime thread reached the gate");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Test thread: lets the held thread go on. */
    public void open() {
        opened.countDown();
    }
}
