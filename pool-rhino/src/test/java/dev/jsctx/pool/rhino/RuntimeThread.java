package dev.jsctx.pool.rhino;

import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.spi.Completion;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineInstance;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.PreparedScripts;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the SPI as the pool does, without the pool: one runtime thread owning one {@link EngineRuntime}, every
 * engine call made on it. Checks that each {@link Completion} is used exactly once, on the runtime thread.
 */
final class RuntimeThread implements AutoCloseable {
    private final ExecutorService thread;
    private final Thread[] owner = new Thread[1];
    private final EngineInstance engine;
    private final EngineRuntime runtime;

    RuntimeThread(EngineInstance engine, int index) {
        this.engine = engine;
        this.thread = Executors.newSingleThreadExecutor(r -> owner[0] = new Thread(r, "rhino-test-runtime-" + index));
        this.runtime = on(() -> engine.newRuntime(index));
    }

    static EngineInstance engine(PoolConfig config) {
        return new RhinoEngineProvider().create(config);
    }

    EngineContext open(ContextSpec spec) {
        PreparedScripts prepared = engine.prepare(spec);
        return open(spec, prepared);
    }

    EngineContext open(ContextSpec spec, PreparedScripts prepared) {
        return on(() -> runtime.createContext(spec, prepared, new TestHost(spec.label())));
    }

    /** Starts a call; the future completes when the engine completes the call. */
    Call call(EngineContext context, String function, JsonValue... args) {
        Call call = new Call();
        thread.execute(() -> context.call(function, List.of(args), call));
        return call;
    }

    Call eval(EngineContext context, String source) {
        Call call = new Call();
        thread.execute(() -> context.eval(source, call));
        return call;
    }

    <T> T on(Callable<T> task) {
        return await(thread.submit(task));
    }

    /** Waits up to 10 s, throwing a runtime failure itself and anything else as an assertion error. */
    static <T> T await(Future<T> result) {
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        on(() -> {
            runtime.close();
            return null;
        });
        thread.shutdown();
    }

    /** A call's outcome, checked to arrive once and on the runtime thread. */
    final class Call implements Completion {
        private final CompletableFuture<JsonValue> outcome = new CompletableFuture<>();
        private final AtomicInteger outcomes = new AtomicInteger();

        @Override
        public void complete(JsonValue value) {
            if (check()) {
                outcome.complete(value);
            }
        }

        @Override
        public void fail(RuntimeException error) {
            if (check()) {
                outcome.completeExceptionally(error);
            }
        }

        private boolean check() {
            if (outcomes.incrementAndGet() != 1 || Thread.currentThread() != owner[0]) {
                outcome.obtrudeException(new AssertionError("completed twice or off the runtime thread"));
                return false;
            }
            return true;
        }

        boolean isDone() {
            return outcome.isDone();
        }

        /** Waits for the value, throwing the failure itself. */
        JsonValue value() {
            return await(outcome);
        }
    }

    private record TestHost(String label) implements ContextHost {
        @Override
        public Cancellable schedule(long delayMillis, Runnable task) {
            throw new UnsupportedOperationException("no timers on the NONE surface");
        }

        @Override
        public System.Logger scriptLogger() {
            return System.getLogger("rhino-test");
        }
    }
}
