package dev.jsctx.pool.graal;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.TruffleContext;
import dev.jsctx.pool.ApiSurface;
import java.util.EnumMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Instrument;

/**
 * Measures the heap a context retains now, with Truffle's own calculation ({@link HeapSizeInstrument}), less what
 * the context shares with every other context of the engine. One per engine; thread-safe.
 *
 * <p>Truffle counts every object reachable from the context's realm without crossing into the engine's code
 * (nodes, call targets, sources), which includes GraalJS's per-engine structures (shapes, built-in function data,
 * option values): about 800 KB that every context of the engine reaches and none owns. This meter measures that
 * shared part once per engine and API surface and subtracts it. It cannot ask Truffle for it directly, so it
 * measures a calibration context (no user code) with one realm and with two: the difference is one realm, and
 * one realm less than the first figure is the shared part. The calibration context is closed at once.
 *
 * <p>A measurement walks the context's objects and the shared part, so it costs about the same for every small
 * context (see BENCHMARKS.md, {@code run.sh memory-cost}); the caller runs it on the context's runtime thread,
 * which it blocks meanwhile, while the context is not entered. Truffle measures only on its optimizing runtime
 * (the JVM started with JVMCI, see README's JIT section); on the fallback runtime every measurement is -1.
 */
final class ContextHeapMeter {
    private static final boolean SUPPORTED = optimizingRuntime();
    /** GraalJS's V8-compatible {@code Realm.create()}: a second realm in one context, for the calibration only. */
    private static final String REALM_OPTION = "js.v8-realm-builtin";
    /** Whether this thread entered a context of some engine once, which makes it known to Truffle's safepoints. */
    private static final ThreadLocal<Boolean> ENTERED_ONCE = ThreadLocal.withInitial(() -> false);

    private final Engine engine;
    private final Map<String, String> browserOptions;
    private final Map<ApiSurface, Long> sharedBytes = new EnumMap<>(ApiSurface.class);
    private HeapSizeInstrument.Service service;

    /**
     * @param engine         the engine whose contexts this meter measures
     * @param browserOptions the context options of {@link ApiSurface#BROWSER} contexts (NONE's are the engine's)
     */
    ContextHeapMeter(Engine engine, Map<String, String> browserOptions) {
        this.engine = engine;
        this.browserOptions = browserOptions;
    }

    /**
     * @return whether Truffle can measure contexts in this JVM: only its optimizing runtime can (its fallback,
     *         interpreter-only runtime calls itself "Interpreted" and refuses)
     */
    static boolean supported() {
        return SUPPORTED;
    }

    /**
     * Measures {@code context}, which must belong to this meter's engine and not be entered on another thread.
     *
     * @param surface the context's API surface (which built-ins it shares with which other contexts)
     * @return the bytes it retains of its own, or -1 when this JVM's Truffle runtime cannot measure
     */
    long retainedBytes(Context context, ApiSurface surface) {
        if (!SUPPORTED) {
            return -1;
        }
        return Math.max(0, reachableBytes(truffleContext(context), Long.MAX_VALUE) - sharedBytes(surface));
    }

    /**
     * Measures a context for its memory limit; any thread, also while the context runs a call on its runtime thread.
     *
     * @param truffleContext the context, as {@link #truffleContext} found it
     * @param stopAtBytes    the measurement stops once past this many bytes of the context's own
     * @return the bytes it retains of its own, or a figure past {@code stopAtBytes}
     * @throws UnsupportedOperationException on Truffle's fallback runtime
     */
    long retainedBytesUpTo(TruffleContext truffleContext, ApiSurface surface, long stopAtBytes) {
        enterOnce();
        long shared = sharedBytes(surface);
        return Math.max(0, reachableBytes(truffleContext, stopAtBytes + shared) - shared);
    }

    /**
     * @param context a context of this meter's engine, not entered on another thread (on its runtime thread)
     * @return its Truffle context, which Truffle measures from any thread
     */
    TruffleContext truffleContext(Context context) {
        context.enter(); // only to learn its Truffle context: it is measured left, or from another thread
        try {
            return service().enteredContext();
        } finally {
            context.leave();
        }
    }

    private synchronized long sharedBytes(ApiSurface surface) {
        Long shared = sharedBytes.get(surface);
        if (shared == null) {
            Context.Builder builder = bareContext();
            if (surface == ApiSurface.BROWSER) {
                builder.options(browserOptions);
            }
            try (Context calibration = builder.option(REALM_OPTION, "true").build()) {
                calibration.eval("js", "0");
                TruffleContext truffleContext = truffleContext(calibration);
                long oneRealm = reachableBytes(truffleContext, Long.MAX_VALUE);
                calibration.eval("js", "Realm.create(); 0");
                long realm = reachableBytes(truffleContext, Long.MAX_VALUE) - oneRealm;
                shared = oneRealm - realm;
            }
            sharedBytes.put(surface, shared);
        }
        return shared;
    }

    /**
     * Truffle measures a running context by having its thread list its stack frames while the measuring thread
     * waits, and that wait needs the measuring thread known to Truffle's safepoints, which a thread becomes by
     * entering a context. So the first measurement on a thread enters a context of no code once. Without it, every
     * measurement of a running context from a thread that had not computed a shared part failed ("The
     * TruffleSafepoint mechanism is not initialized on this thread"), and a limited context outgrew its limit
     * whenever {@code memoryBytes()} had computed the shared part on another thread first (the playground's page).
     */
    private void enterOnce() {
        if (!ENTERED_ONCE.get()) {
            try (Context bare = bareContext().build()) {
                bare.enter();
                bare.leave();
            }
            ENTERED_ONCE.set(true);
        }
    }

    /** A context of this engine that runs no user code; HostAccess.NONE because an engine's contexts must all have the same. */
    private Context.Builder bareContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowExperimentalOptions(true);
    }

    /** Truffle's figure: everything the context reaches, the engine's shared structures included. */
    private long reachableBytes(TruffleContext truffleContext, long stopAtBytes) {
        return service().retainedBytes(truffleContext, stopAtBytes);
    }

    private synchronized HeapSizeInstrument.Service service() {
        if (service == null) {
            Instrument instrument = engine.getInstruments().get(HeapSizeInstrument.ID);
            if (instrument == null) {
                throw new IllegalStateException("Truffle did not find the instrument " + HeapSizeInstrument.ID
                        + " (pool-graal's META-INF/services missing?)");
            }
            service = instrument.lookup(HeapSizeInstrument.Service.class);
        }
        return service;
    }

    private static boolean optimizingRuntime() {
        return !"Interpreted".equals(Truffle.getRuntime().getName());
    }
}
