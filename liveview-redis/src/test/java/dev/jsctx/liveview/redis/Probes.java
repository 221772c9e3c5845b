package dev.jsctx.liveview.redis;

import dev.jsctx.liveview.Broadcast;
import dev.jsctx.liveview.PubSub;
import dev.jsctx.liveview.test.RecordingSession;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting with a deadline for things that happen asynchronously across Redis. */
final class Probes {

    private Probes() {}

    /** Poll until the condition holds, or fail after {@code within}. */
    static void await(Duration within, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + within);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Broadcast probes from {@code from} until {@code to} receives one (a subscription through Redis takes effect
     * asynchronously), then drop every probe it got.
     */
    static void awaitFlow(PubSub from, String topic, RecordingSession to, Duration within) throws InterruptedException {
        JsonValue probe = Json.createValue("probe " + System.nanoTime());
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            from.broadcast(topic, probe);
            Object got = to.poll(Duration.ZERO).orElse(null);
            if (got == null) {
                Thread.sleep(20);
                got = to.poll(Duration.ZERO).orElse(null);
            }
            if (got instanceof Broadcast broadcast && broadcast.message().equals(probe)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no broadcast on " + topic + " arrived within " + within);
            }
        }
        // probes still in flight: end with a marker, drop everything up to it
        JsonValue marker = Json.createValue("marker " + System.nanoTime());
        from.broadcast(topic, marker);
        while (true) {
            Object got = to.next();
            if (got instanceof Broadcast broadcast && broadcast.message().equals(marker)) {
                return;
            }
        }
    }
}
