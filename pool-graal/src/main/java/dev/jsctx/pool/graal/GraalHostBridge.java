package dev.jsctx.pool.graal;

import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.spi.ContextHost;
import dev.jsctx.pool.spi.HostObject;
import dev.jsctx.pool.spi.HostReply;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The {@code host} object of one context ({@link HostObject}): installs the shared script over three
 * {@link ProxyExecutable}s that reach the pool through the context's {@link ContextHost}, settles host calls' Promises
 * and delivers messages. Confined to the context's runtime thread. The proxies never throw into JavaScript: each
 * failure goes back as a message the script throws as an {@code Error}.
 */
final class GraalHostBridge {
    private final GraalEngineContext owner;
    private final JsonBridge bridge;
    private final Value deliver;

    private GraalHostBridge(Context context, Source source, GraalEngineContext owner, JsonBridge bridge) {
        this.owner = owner;
        this.bridge = bridge;
        this.deliver = context.eval(source).execute(callAsync(), callSync(), send());
    }

    /** @return the host object's script as a cached source, to parse once per engine */
    static Source source() {
        return Source.newBuilder("js", HostObject.SCRIPT, HostObject.SCRIPT_NAME)
                .cached(true)
                .internal(true)
                .buildLiteral();
    }

    /** Defines {@code host} in the context, before its scripts run. */
    static GraalHostBridge install(Context context, Source source, GraalEngineContext owner, JsonBridge bridge) {
        return new GraalHostBridge(context, source, owner, bridge);
    }

    /** Runs the {@code host.onMessage} handler with the message, as a task of the context. */
    void deliver(JsonValue message) {
        Object guest = toGuest(message);
        owner.runGuest(() -> deliver.executeVoid(guest));
    }

    private ContextHost host() {
        return owner.host();
    }

    private Object toGuest(JsonValue value) {
        return bridge.toGuest(List.of(value))[0];
    }

    /** {@code callAsync(name, args, resolve, reject)}: null once started, else the failure's message. */
    private ProxyExecutable callAsync() {
        return args -> HostObject.failureOf(() ->
                host().callHost(args[0].asString(), (JsonArray) JsonBridge.toJson(args[1]), reply(args[2], args[3])));
    }

    /** {@code callSync(name, args, failed)}: the result, or {@code failed} holding the failure's message. */
    private ProxyExecutable callSync() {
        return args -> {
            try {
                return toGuest(host().callHostSync(args[0].asString(), (JsonArray) JsonBridge.toJson(args[1])));
            } catch (JsContextException e) {
                args[2].setArrayElement(0, HostObject.failureMessage(e));
                return args[2];
            }
        };
    }

    /** Settles one {@code host.call}'s Promise through the functions its executor was given. */
    private HostReply reply(Value resolve, Value reject) {
        return HostObject.reply(
                this::toGuest,
                guest -> owner.runGuest(() -> resolve.executeVoid(guest)),
                message -> owner.runGuest(() -> reject.executeVoid(message)));
    }

    /** {@code send(message)}: null once handed over, else the failure's message. */
    private ProxyExecutable send() {
        return args -> HostObject.failureOf(() -> host().sendToHost(JsonBridge.toJson(args[0])));
    }
}
