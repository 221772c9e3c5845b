package dev.jsctx.pool;

/**
 * Asks a runtime thread for a new context: a spare of the right shape if one is ready, else a fresh one.
 * The caller has already reserved the context's place in the pool and on the thread; failing gives it back.
 */
final class OpenRequest extends AwaitedWork<JsContext> {
    private final RuntimePool pool;
    private final RuntimeThread thread;
    private final Blueprint blueprint;

    OpenRequest(RuntimePool pool, RuntimeThread thread, Blueprint blueprint, boolean async) {
        super(async);
        this.pool = pool;
        this.thread = thread;
        this.blueprint = blueprint;
    }

    @Override
    void execute(RuntimeThread runtimeThread) {
        if (pool.isClosed()) {
            reject(new PoolClosedException("The pool closed before context '" + blueprint.label() + "' was opened"));
            return;
        }
        HostedContext hosted;
        try {
            hosted = runtimeThread.obtain(blueprint);
        } catch (RuntimeException e) {
            reject(EngineErrors.asPoolError(e, "to create context '" + blueprint.label() + "'"));
            return;
        }
        PooledContext context = new PooledContext(pool, runtimeThread, blueprint, hosted);
        context.lane().start();
        pool.contextOpened();
        succeed(context);
    }

    @Override
    void reject(RuntimeException reason) {
        pool.releasePlacement(thread);
        failWith(reason);
    }
}
