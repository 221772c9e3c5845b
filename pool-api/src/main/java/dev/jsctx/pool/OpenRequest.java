package dev.jsctx.pool;

import dev.jsctx.pool.spi.PreparedScripts;
import java.time.Duration;

/**
 * Asks a runtime thread for a new context: a spare of the right shape if one is ready, else a fresh one.
 * The caller has already reserved the context's place in the pool and on the thread; failing gives it back.
 */
final class OpenRequest extends AwaitedWork<JsContext> {
    private final RuntimePool pool;
    private final RuntimeThread thread;
    private final ContextSpec spec;
    private final ShapeKey shape;
    private final PreparedScripts prepared;
    private final Duration timeout;

    OpenRequest(
            RuntimePool pool,
            RuntimeThread thread,
            ContextSpec spec,
            ShapeKey shape,
            PreparedScripts prepared,
            Duration timeout,
            boolean async) {
        super(async);
        this.pool = pool;
        this.thread = thread;
        this.spec = spec;
        this.shape = shape;
        this.prepared = prepared;
        this.timeout = timeout;
    }

    @Override
    void execute(RuntimeThread runtimeThread) {
        if (pool.isClosed()) {
            reject(new PoolClosedException("The pool closed before context '" + spec.label() + "' was opened"));
            return;
        }
        HostedContext engineContext;
        try {
            engineContext = runtimeThread.obtain(shape, spec, prepared, spec.label(), timeout.toNanos());
        } catch (RuntimeException e) {
            reject(EngineErrors.asPoolError(e, "to create context '" + spec.label() + "'"));
            return;
        }
        PooledContext context = new PooledContext(pool, runtimeThread, spec, shape, prepared, engineContext, timeout);
        runtimeThread.adopt(context.lane());
        pool.contextOpened();
        succeed(context);
    }

    @Override
    void reject(RuntimeException reason) {
        pool.releasePlacement(thread);
        failWith(reason);
    }
}
