package dev.jsctx.pool;

import dev.jsctx.pool.spi.HostReply;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Set;

/**
 * One context's host functions at work, on its runtime thread: runs the synchronous ones and the listener there,
 * starts the asynchronous ones ({@link HostCall}) within the context's bound of calls in flight, and abandons those
 * still running when the context closes. Confined to the runtime thread; survives {@link JsContext#reset()}.
 */
final class HostCalls {
    private static final System.Logger LOG = System.getLogger(HostCalls.class.getName());

    private final ContextLane lane;
    private final RuntimeThread thread;
    private final HostFunctions functions;
    /** Asynchronous functions started whose Java code has not returned yet. */
    private final Set<HostCall> running = new HashSet<>();

    private boolean closed;

    HostCalls(ContextLane lane, RuntimeThread thread, HostFunctions functions) {
        this.lane = lane;
        this.thread = thread;
        this.functions = functions;
    }

    /** {@code host.callSync}: runs the function now. */
    JsonValue callSync(String name, JsonArray args) {
        HostFunctions.Entry entry = find(name, false);
        try {
            JsonValue result = entry.function().apply(args);
            return result == null ? JsonValue.NULL : result;
        } catch (Exception e) {
            throw jsError(messageOf(e, name));
        }
    }

    /** {@code host.call}: starts the function on a virtual thread, unless the context has too many running. */
    void call(HostedContext hosted, String name, JsonArray args, HostReply reply) {
        HostFunctions.Entry entry = find(name, true);
        if (running.size() >= functions.maxInFlight()) {
            throw jsError("Context '" + lane.label() + "' already has " + functions.maxInFlight()
                    + " host calls in flight, the most it may; await some first");
        }
        HostCall call = new HostCall(this, thread, hosted, entry, args, reply);
        running.add(call);
        call.start();
    }

    /** {@code host.send}: hands the message to the listener now. */
    void send(JsonValue message) {
        HostMessageListener listener = functions
                .listener()
                .orElseThrow(() -> jsError("Context '" + lane.label() + "' was opened without a message listener"));
        try {
            listener.onMessage(lane.context(), message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The message listener of context '" + lane.label() + "' failed", e);
        }
    }

    /** A started function's Java code returned (or gave up after its time-out): its place is free. */
    void returned(HostCall call) {
        running.remove(call);
    }

    /** Whether an asynchronous function started by the context has not returned yet. */
    boolean hasRunning() {
        return !running.isEmpty();
    }

    /** Whether replies may still reach the context. */
    boolean isClosed() {
        return closed;
    }

    /** The context closed: interrupts the functions still running; their results will be dropped. */
    void close() {
        closed = true;
        for (HostCall call : running) {
            call.abandon();
        }
        running.clear();
    }

    private HostFunctions.Entry find(String name, boolean async) {
        HostFunctions.Entry entry = functions.entry(name);
        if (entry == null) {
            throw jsError("No host function '" + shortened(name) + "'");
        }
        if (entry.async() != async) {
            throw jsError("Host function '" + name + "' is "
                    + (async ? "synchronous: use host.callSync" : "asynchronous: use host.call"));
        }
        return entry;
    }

    /** What JavaScript sees of a Java exception: its message, or a generic one; never the class or stack. */
    static String messageOf(Exception failure, String name) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failed(name) : message;
    }

    static String failed(String name) {
        return "Host function '" + name + "' failed";
    }

    /** A name from JavaScript, cut short: it may be anything, and error messages reach logs. */
    private static String shortened(String name) {
        return name.length() > 64 ? name.substring(0, 61) + "..." : name;
    }

    static JsException jsError(String message) {
        return new JsException("Error", message, "");
    }
}
