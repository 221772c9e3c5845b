package dev.jsctx.pool.graal;

import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Truffle instrument whose only job is to hand the host Truffle's own measurement of a context's retained heap
 * ({@link TruffleInstrument.Env#calculateContextHeapSize}), the call GraalVM's own sandbox memory limits use. It
 * attaches no listeners, so it costs contexts nothing; {@link ContextHeapMeter} creates it on first use by
 * looking up its {@link Service}. Not internal: Truffle hides internal instruments from
 * {@code Engine.getInstruments()}, where the host looks it up.
 *
 * <p>Found by Truffle through the {@code TruffleInstrumentProvider} that the Truffle annotation processor
 * generates into {@code META-INF/services}, on the class path and beside polyglot jars on the module path alike.
 */
@TruffleInstrument.Registration(
        id = HeapSizeInstrument.ID,
        name = "jsctx context heap size",
        services = HeapSizeInstrument.Service.class)
public final class HeapSizeInstrument extends TruffleInstrument {
    /** The instrument's id in {@code Engine.getInstruments()}. */
    static final String ID = "jsctx-heap-size";

    /** Instantiated by Truffle. */
    public HeapSizeInstrument() {}

    @Override
    protected void onCreate(Env env) {
        env.registerService(new Service(env));
    }

    /** What the instrument offers the host; thread-safe, as {@link Env} is. */
    public static final class Service {
        /** Never set: a measurement runs to its end (it is bounded by the context's own size). */
        private static final AtomicBoolean NOT_CANCELLED = new AtomicBoolean();

        private final Env env;

        Service(Env env) {
            this.env = env;
        }

        /** @return the context entered on the current thread, or null */
        TruffleContext enteredContext() {
            return env.getEnteredContext();
        }

        /**
         * Any thread, the context entered on another thread or not: Truffle collects the frames of threads running
         * in it with a thread-local action (they pause at their next safepoint) and walks the heap on the calling
         * thread.
         *
         * @param stopAtBytes the walk stops once past this many bytes
         * @return the bytes of heap {@code context} retains: every object reachable from its languages' contexts
         *         and from the stack frames of threads running in it, or a figure past {@code stopAtBytes}
         * @throws UnsupportedOperationException on Truffle's fallback runtime (no JVMCI), which cannot measure
         */
        long retainedBytes(TruffleContext context, long stopAtBytes) {
            return env.calculateContextHeapSize(context, stopAtBytes, NOT_CANCELLED);
        }
    }
}
