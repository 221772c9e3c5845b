package dev.jsctx.pool.tck;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.Script;
import dev.jsctx.pool.spi.ContextShape;
import dev.jsctx.pool.spi.EngineContext;
import dev.jsctx.pool.spi.EngineRuntime;
import dev.jsctx.pool.spi.JsEngine;
import dev.jsctx.pool.spi.JsEngineProvider;
import dev.jsctx.pool.spi.PreparedScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives an engine through the SPI as the pool does, without the pool, for an engine's own unit tests: one engine,
 * one runtime thread owning one {@link EngineRuntime}, and every engine call made on that thread. What the kit
 * cannot see from outside (the SPI used directly, timers on a virtual clock, what a context logs) is tested with
 * it.
 *
 * {@snippet :
 * try (EngineHarness harness = EngineHarness.start(new RhinoEngineProvider(), Map.of())) {
 *     HarnessContext ctx = harness.open(ApiSurface.NONE, "function inc(n) { return n + 1; }");
 *     assertEquals(Json.createValue(2), ctx.call("inc", Json.createValue(1)).value());
 * }
 * }
 */
public final class EngineHarness implements AutoCloseable {
    private final JsEngine engine;
    private final boolean ownsEngine;
    private final ExecutorService executor;
    private final Thread thread;
    private final EngineRuntime runtime;
    private final List<HarnessContext> opened = new ArrayList<>();

    private EngineHarness(JsEngine engine, boolean ownsEngine) {
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        AtomicReference<Thread> made = new AtomicReference<>();
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread runtimeThread =
                    Thread.ofPlatform().daemon().name("harness-runtime").unstarted(task);
            made.set(runtimeThread);
            return runtimeThread;
        });
        this.runtime = on(() -> engine.newRuntime(0));
        this.thread = made.get();
    }

    /**
     * Creates the provider's engine on the calling thread and its runtime on the harness's runtime thread.
     *
     * @param provider the engine
     * @param options  engine options
     * @return the harness
     */
    public static EngineHarness start(JsEngineProvider provider, Map<String, String> options) {
        return new EngineHarness(provider.create(Map.copyOf(options)), true);
    }

    /**
     * @return a second runtime thread with a runtime of the same engine, as a pool of two threads has; closing it
     *     leaves the engine open
     */
    public EngineHarness anotherThread() {
        return new EngineHarness(engine, false);
    }

    /**
     * @param surface the API surface
     * @param scripts JavaScript sources, named {@code script0.js}, {@code script1.js} and so on
     * @return a shape without statement budget
     */
    public static ContextShape shape(ApiSurface surface, String... scripts) {
        return shape(surface, 0, scripts);
    }

    /**
     * @param surface         the API surface
     * @param statementBudget the budget, or 0 for none
     * @param scripts         JavaScript sources, named {@code script0.js}, {@code script1.js} and so on
     * @return the shape
     */
    public static ContextShape shape(ApiSurface surface, long statementBudget, String... scripts) {
        List<Script> list = new ArrayList<>();
        for (int i = 0; i < scripts.length; i++) {
            list.add(Script.ofText("script" + i + ".js", scripts[i]));
        }
        return new ContextShape(list, surface, statementBudget);
    }

    /** @return the engine */
    public JsEngine engine() {
        return engine;
    }

    /**
     * Prepares the scripts on the calling thread, as the pool does, and creates a context of label {@code test}
     * on the runtime thread; it is closed by {@link #closeContexts()} or {@link #close()}.
     *
     * @param surface the API surface
     * @param scripts JavaScript sources
     * @return the context
     * @throws RuntimeException what the engine threw, for example a {@link dev.jsctx.pool.JsException}
     */
    public HarnessContext open(ApiSurface surface, String... scripts) {
        return open(shape(surface, scripts));
    }

    /**
     * @param shape the shape
     * @return a context of that shape; see {@link #open(ApiSurface, String...)}
     */
    public HarnessContext open(ContextShape shape) {
        return open(shape, engine.prepare(shape));
    }

    /**
     * @param shape    the shape
     * @param prepared what the engine prepared of it, possibly on another thread or for another context
     * @return a context of that shape; see {@link #open(ApiSurface, String...)}
     */
    public HarnessContext open(ContextShape shape, PreparedScripts prepared) {
        TestHost host = new TestHost("test");
        EngineContext context = on(() -> runtime.createContext(shape, prepared, host));
        HarnessContext opened = new HarnessContext(this, context, host);
        this.opened.add(opened);
        return opened;
    }

    /**
     * Runs a task on the runtime thread and waits for it.
     *
     * @param task the task
     * @param <T>  its result's type
     * @return its result
     * @throws RuntimeException what the task threw, as it is
     */
    public <T> T on(Callable<T> task) {
        return Await.join(CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                executor));
    }

    /** Runs a task on the runtime thread and waits for it; see {@link #on(Callable)}. */
    void run(Runnable task) {
        on(() -> {
            task.run();
            return null;
        });
    }

    /** Starts a task on the runtime thread without waiting. */
    void start(Runnable task) {
        executor.execute(task);
    }

    Thread runtimeThread() {
        return thread;
    }

    /** Closes every context opened so far, on the runtime thread. */
    public void closeContexts() {
        opened.forEach(HarnessContext::close);
        opened.clear();
    }

    /** Closes the contexts, the runtime (on its thread) and the engine. */
    @Override
    public void close() {
        closeContexts();
        run(runtime::close);
        executor.shutdown();
        if (ownsEngine) {
            engine.close();
        }
    }
}
