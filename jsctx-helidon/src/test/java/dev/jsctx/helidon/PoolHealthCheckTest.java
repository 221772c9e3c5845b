package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import jakarta.json.JsonNumber;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the pool's readiness check")
class PoolHealthCheckTest {
    private static final ContextSpec SPEC = ContextSpec.builder()
            .addScript(Script.ofText("ok.js", "function ok() { return 1 }"))
            .label("doomed")
            .build();

    @Test
    @DisplayName("is a readiness check, UP while the pool runs and DOWN once it is closed")
    void downWhenClosed() {
        ContextPoolSupport jsctx = ContextPoolSupport.builder()
                .config(Config.just(ConfigSources.create(Map.of("engine", "rhino", "threads", "1"))))
                .build();
        assertEquals(HealthCheckType.READINESS, jsctx.healthCheck().type());
        assertEquals(HealthCheckResponse.Status.UP, jsctx.healthCheck().call().status());

        jsctx.close();

        HealthCheckResponse closed = jsctx.healthCheck().call();
        assertEquals(HealthCheckResponse.Status.DOWN, closed.status());
        assertEquals("CLOSED", closed.details().get("status"));
    }

    @Test
    @DisplayName("is DOWN while a runtime thread that died is being replaced, and UP again once the pool has healed")
    void downWhileARuntimeThreadIsReplaced() throws InterruptedException {
        // An Error thrown by a CallObserver is one of the few things that escape onto a runtime thread and kill it.
        AtomicBoolean armed = new AtomicBoolean(true);
        CallObserver killer = (label, nanos, outcome) -> {
            if (armed.getAndSet(false)) {
                throw new OutOfMemoryError("simulated, to kill the runtime thread");
            }
        };
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch letClose = new CountDownLatch(1);
        try (ContextPool pool = ContextPool.create(PoolConfig.builder()
                        .engine("rhino")
                        .threads(2)
                        .callObserver(killer)
                        .build());
                JsContext doomed = pool.open(SPEC)) {
            PoolHealthCheck check = PoolHealthCheck.create(pool);
            assertEquals(HealthCheckResponse.Status.UP, check.call().status());
            // Runs on the dying thread while it closes its contexts: holds the pool in its degraded state.
            doomed.onClose(() -> {
                closing.countDown();
                awaitQuietly(letClose);
            });

            CompletableFuture<?> call = doomed.callAsync("ok").toCompletableFuture();
            ExecutionException died = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ContextClosedException.class, died.getCause());
            assertTrue(closing.await(10, TimeUnit.SECONDS), "the dead thread closes its contexts");

            HealthCheckResponse degraded = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, degraded.status());
            assertEquals("RUNTIME_THREAD_DIED", degraded.details().get("status"));

            letClose.countDown();
            HealthCheckResponse healed = awaitStatus(check, HealthCheckResponse.Status.UP);
            assertEquals("RUNNING", healed.details().get("status"));
            try (JsContext fresh = pool.open(SPEC)) {
                assertEquals(1, ((JsonNumber) fresh.call("ok")).intValue());
            }
        } finally {
            letClose.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HealthCheckResponse awaitStatus(PoolHealthCheck check, HealthCheckResponse.Status wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HealthCheckResponse response = check.call();
        while (response.status() != wanted) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still " + response.status() + " " + response.details());
            }
            LockSupport.parkNanos(1_000_000);
            response = check.call();
        }
        return response;
    }
}
