package dev.jsctx.pool.rhino;

import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.HostObject;
import dev.jsctx.pool.spi.HostReply;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The {@code host} object of one context ({@link HostObject}): runs the shared script, compiled once per engine, over
 * three {@link LambdaFunction}s that reach the pool through the context's {@link ContextHost}; settles host calls'
 * Promises and delivers messages as tasks of the context ({@link RhinoContext#runTask}), so their microtasks run and the
 * interrupt and budget hold. Confined to the context's runtime thread. The functions never throw into JavaScript: each
 * failure goes back as a message the script throws as an {@code Error}.
 */
final class RhinoHostBridge {
    private final RhinoContext owner;
    private final Context cx;
    private final ScriptableObject global;
    private final ContextHost host;
    private final Function deliver;

    /** Defines {@code host} in the context's global scope; call inside the context's guard (while loading). */
    RhinoHostBridge(RhinoContext owner, Context cx, ScriptableObject global, ContextHost host, Script script) {
        this.owner = owner;
        this.cx = cx;
        this.global = global;
        this.host = host;
        Function installer = (Function) script.exec(cx, global, global);
        this.deliver = (Function) installer.call(cx, global, global, new Object[] {callAsync(), callSync(), send()});
    }

    /** @return the host object's script, compiled for the interpreter */
    static Script compile(Context cx) {
        return RhinoEngine.compile(cx, HostObject.SCRIPT, HostObject.SCRIPT_NAME);
    }

    /** Runs the {@code host.onMessage} handler with the message, as a task of the context. */
    void deliver(JsonValue message) {
        Object value = values().toJs(message);
        owner.runTask(() -> deliver.call(cx, global, global, new Object[] {value}));
    }

    private RhinoValues values() {
        return new RhinoValues(cx, global);
    }

    private JsonArray arguments(Object args) {
        return (JsonArray) values().toJson(args);
    }

    /** {@code callAsync(name, args, resolve, reject)}: null once started, else the failure's message. */
    private LambdaFunction callAsync() {
        return new LambdaFunction(global, 4, (lcx, scope, thisObj, args) -> {
            HostReply reply = reply((Function) args[2], (Function) args[3]);
            return HostObject.failureOf(
                    () -> host.callHost(ScriptRuntime.toString(args[0]), arguments(args[1]), reply));
        });
    }

    /** {@code callSync(name, args, failed)}: the result, or {@code failed} holding the failure's message. */
    private LambdaFunction callSync() {
        return new LambdaFunction(global, 3, (lcx, scope, thisObj, args) -> {
            try {
                return values().toJs(host.callHostSync(ScriptRuntime.toString(args[0]), arguments(args[1])));
            } catch (JsContextException e) {
                Scriptable failed = (Scriptable) args[2];
                failed.put(0, failed, HostObject.failureMessage(e));
                return failed;
            }
        });
    }

    /** Settles one {@code host.call}'s Promise through the functions its executor was given. */
    private HostReply reply(Function resolve, Function reject) {
        return HostObject.reply(
                values()::toJs,
                value -> owner.runTask(() -> resolve.call(cx, global, global, new Object[] {value})),
                message -> owner.runTask(() -> reject.call(cx, global, global, new Object[] {message})));
    }

    /** {@code send(message)}: null once handed over, else the failure's message. */
    private LambdaFunction send() {
        return new LambdaFunction(
                global,
                1,
                (lcx, scope, thisObj, args) -> HostObject.failureOf(() -> host.sendToHost(values().toJson(args[0]))));
    }
}
