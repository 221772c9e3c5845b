package dev.jsctx.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jsctx.pool.CallObserver;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
    @DisplayName("is DOWN once a runtime thread has died")
    void downWhenARuntimeThreadDied() {
        // An Error thrown by a CallObserver is one of the few things that escape onto a runtime thread and kill it.
        CallObserver killer = (label, nanos, outcome) -> {
            throw new OutOfMemoryError("simulated, to kill the runtime thread");
        };
        try (ContextPool pool = ContextPool.create(PoolConfig.builder()
                        .engine("rhino")
                        .threads(2)
                        .callObserver(killer)
                        .build());
                JsContext doomed = pool.open(SPEC)) {
            PoolHealthCheck check = PoolHealthCheck.create(pool);
            assertEquals(HealthCheckResponse.Status.UP, check.call().status());

            CompletableFuture<?> call = doomed.callAsync("ok").toCompletableFuture();
            assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS)); // its thread died under it

            HealthCheckResponse response = awaitDown(check);
            assertEquals("RUNTIME_THREAD_DIED", response.details().get("status"));
        }
    }

    private static HealthCheckResponse awaitDown(PoolHealthCheck check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HealthCheckResponse response = check.call();
        while (response.status() != HealthCheckResponse.Status.DOWN) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still " + response.status() + " " + response.details());
            }
            LockSupport.parkNanos(1_000_000);
            response = check.call();
        }
        return response;
    }
}
