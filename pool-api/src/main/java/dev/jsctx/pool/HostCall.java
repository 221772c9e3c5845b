package dev.jsctx.pool;

import dev.jsctx.pool.spi.HostReply;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.concurrent.ThreadFactory;

/**
 * One asynchronous host function call: runs the Java function on a virtual thread, then comes back to the runtime
 * thread as work of its own, in the inbox's order, to settle the JavaScript Promise. A time-out on the runtime thread
 * settles it first if the function is late. Settled once; never after its engine context closed (the context closed or
 * was reset), when the result is dropped.
 */
final class HostCall extends Work {
    private static final ThreadFactory WORKERS =
            Thread.ofVirtual().name("jsctx-host-call").factory();

    private final HostCalls calls;
    private final RuntimeThread thread;
    private final HostedContext hosted;
    private final HostFunctions.Entry entry;
    private final JsonArray args;
    private final HostReply reply;

    // Written by the worker before it submits this work, read on the runtime thread after the inbox handed it over.
    private JsonValue result;
    private String failure;

    // Runtime-thread state.
    private Thread worker;
    private TimerQueue.Timer deadline;
    private boolean settled;

    HostCall(
            HostCalls calls,
            RuntimeThread thread,
            HostedContext hosted,
            HostFunctions.Entry entry,
            JsonArray args,
            HostReply reply) {
        this.calls = calls;
        this.thread = thread;
        this.hosted = hosted;
        this.entry = entry;
        this.args = args;
        this.reply = reply;
    }

    /** Runtime thread: starts the function and its time-out. */
    void start() {
        deadline = thread.timers().schedule(System.nanoTime() + entry.timeout().toNanos(), this::timeOut);
        worker = WORKERS.newThread(this::runFunction);
        worker.start();
    }

    /** The worker: runs the Java function, then hands the outcome to the runtime thread. */
    private void runFunction() {
        try {
            JsonValue value = entry.function().apply(args);
            result = value == null ? JsonValue.NULL : value;
        } catch (Exception e) {
            failure = HostCalls.messageOf(e, entry.name());
        } catch (Error e) {
            failure = HostCalls.failed(entry.name());
            thread.submit(this);
            throw e;
        }
        thread.submit(this);
    }

    /** Runtime thread: the function returned. */
    @Override
    void execute(RuntimeThread runtimeThread) {
        calls.returned(this);
        if (settled) {
            return; // timed out or abandoned; the late result has no one to go to
        }
        settled = true;
        deadline.cancel();
        settle(failure == null ? () -> reply.resolve(result) : () -> reply.reject(failure));
    }

    /** The pool closed before the result came back: nobody is left to settle. */
    @Override
    void reject(RuntimeException reason) {
        // The runtime thread is gone with its contexts.
    }

    private void timeOut() {
        if (settled) {
            return;
        }
        settled = true;
        worker.interrupt();
        settle(() -> reply.reject("Host function '" + entry.name() + "' did not answer within " + entry.timeout()));
    }

    /** Runtime thread: the context closed; the function is interrupted and its result will be dropped. */
    void abandon() {
        if (!settled) {
            settled = true;
            deadline.cancel();
            worker.interrupt();
        }
    }

    private void settle(Runnable settlement) {
        if (!calls.isClosed()) {
            hosted.runGuarded("the reply of host function '" + entry.name() + "'", settlement);
        }
    }
}
