package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps contexts within their memory limits (see {@link PoolConfig.Builder#memoryLimit}). A call with a limit
 * publishes itself in its runtime thread's {@link Slot}; the guard's thread, started with the first context that
 * has a limit, looks at each running call every {@value #POLL_MILLIS} ms. The trigger is cheap: the bytes the
 * runtime thread allocated, from the JVM's per-thread counter. Once a call has allocated half its limit since the
 * last judgement, the guard asks the engine what the context retains (a walk of its heap, paid only then); past
 * the limit, it interrupts the call, which then fails with {@link MemoryLimitExceededException} and closes its
 * context. GraalVM's own sandbox limit ({@code sandbox.MaxHeapMemory}) works the same way: an allocation trigger,
 * then Truffle's retained-size calculation on a thread of its own while the context runs.
 *
 * <p>Its own thread, not the {@link Watchdog}'s: a judgement takes milliseconds, time-outs must not wait for it.
 */
final class MemoryGuard implements Runnable {
    static final long POLL_MILLIS = 5;
    private static final long POLL_NANOS = Duration.ofMillis(POLL_MILLIS).toNanos();
    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Slot> slots;
    private final Thread thread;
    private boolean started; // guarded by this
    private volatile boolean stopped;

    MemoryGuard(int runtimeThreads) {
        List<Slot> created = new ArrayList<>(runtimeThreads);
        for (int i = 0; i < runtimeThreads; i++) {
            created.add(new Slot());
        }
        this.slots = List.copyOf(created);
        this.thread = Thread.ofPlatform().daemon().name("jsctx-memory-guard").unstarted(this);
    }

    /** The slot of the runtime thread with this index. */
    Slot slot(int runtimeThreadIndex) {
        return slots.get(runtimeThreadIndex);
    }

    /** A context with a memory limit is being opened: from now on the guard watches. Any thread; idempotent. */
    synchronized void watch() {
        if (!started && !stopped) {
            if (!THREADS.isThreadAllocatedMemorySupported()) {
                throw new UnsupportedOperationException("This JVM does not count the bytes each thread allocates");
            }
            THREADS.setThreadAllocatedMemoryEnabled(true);
            started = true;
            thread.start();
        }
    }

    /** Stops the thread, waiting at most until {@code deadlineNanos}. */
    void stop(long deadlineNanos) throws InterruptedException {
        boolean wasStarted;
        synchronized (this) {
            stopped = true;
            wasStarted = started;
        }
        if (wasStarted) {
            LockSupport.unpark(thread);
            thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            for (Slot slot : slots) {
                try {
                    slot.judgeIfTriggered();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "The memory guard failed to judge a call; it goes on", e);
                }
            }
            LockSupport.parkNanos(this, POLL_NANOS);
        }
    }

    /** Judge once a call has allocated this much since the last judgement: half its limit. */
    private static long trigger(long limitBytes) {
        return limitBytes >> 1;
    }

    /**
     * The meeting point of one runtime thread and the guard, like {@link CallGuard}: the runtime thread publishes the
     * limited call it runs; the guard judges it. The state word holds a run number and a phase, so a judgement never
     * lands on a later call.
     */
    static final class Slot {
        private static final long IDLE = 0;
        private static final long RUNNING = 1;
        private static final long JUDGING = 2;
        private static final long OVER = 3;
        private static final long PHASE = 3;

        private final AtomicLong state = new AtomicLong(IDLE);
        /** The runtime thread's allocation counter at the call's start or at the last judgement. */
        private volatile long judgedAt;
        /** What the guard measured past the limit, read by the runtime thread once it sees OVER. */
        private volatile long overBytes;
        // Written by the runtime thread before the state that publishes them.
        private EngineContext target;
        private long limitBytes;
        private long threadId;
        private long runs;

        /**
         * Runtime thread: a call of {@code context}, which may hold {@code limitBytes}, starts.
         *
         * @return the token to pass to {@link #end}
         */
        long begin(EngineContext context, long limitBytes) {
            long token = (++runs << 2) | RUNNING;
            target = context;
            this.limitBytes = limitBytes;
            threadId = Thread.currentThread().threadId();
            judgedAt = THREADS.getCurrentThreadAllocatedBytes();
            state.set(token);
            return token;
        }

        /**
         * Runtime thread, the call returned (its engine context left): the verdict. If the guard is judging, waits for
         * it; if the call allocated much since the last judgement, judges it now.
         *
         * @return the bytes measured past the limit, or -1 if the context is within it
         */
        long end(long token) {
            long idle = token & ~PHASE;
            while (!state.compareAndSet(token, idle)) {
                if ((state.get() & PHASE) == OVER) {
                    state.set(idle);
                    return overBytes;
                }
                LockSupport.parkNanos(20_000); // judging: a walk of the context's heap, milliseconds at most
            }
            if (THREADS.getCurrentThreadAllocatedBytes() - judgedAt < trigger(limitBytes)) {
                return -1;
            }
            long retained = target.retainedBytesUpTo(limitBytes);
            return retained > limitBytes ? retained : -1;
        }

        /** Guard thread: judges the running call if it allocated enough since the last judgement. */
        void judgeIfTriggered() {
            long seen = state.get();
            if ((seen & PHASE) != RUNNING) {
                return;
            }
            long allocated = THREADS.getThreadAllocatedBytes(threadId);
            if (allocated - judgedAt < trigger(limitBytes) || !state.compareAndSet(seen, (seen & ~PHASE) | JUDGING)) {
                return;
            }
            // From here the runtime thread waits in end() rather than leave: target stays this call's context.
            long verdict = seen;
            try {
                judgedAt = allocated;
                long retained = target.retainedBytesUpTo(limitBytes);
                if (retained > limitBytes) {
                    overBytes = retained;
                    verdict = (seen & ~PHASE) | OVER;
                    target.interrupt(); // before OVER is published: the context is not closed meanwhile
                }
            } finally {
                state.set(verdict);
            }
        }
    }
}
