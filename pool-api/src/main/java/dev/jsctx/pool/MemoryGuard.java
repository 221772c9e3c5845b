package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps contexts within their memory limits (see {@link PoolConfig.Builder#memoryLimit}). A call with a limit
 * publishes itself in its runtime thread's {@link Slot}; the guard's thread, started with the first context that
 * has a limit, looks at each running call every {@value #POLL_MILLIS} ms. The trigger is cheap: the bytes the
 * runtime thread allocated, from the JVM's per-thread counter. Once a call has allocated half its limit since the
 * last judgement, a walker thread asks the engine what the context retains (a walk of its heap, paid only then);
 * past the limit, it interrupts the call, which then fails with {@link MemoryLimitExceededException} and closes its
 * context. GraalVM's own sandbox limit ({@code sandbox.MaxHeapMemory}) works the same way: an allocation trigger,
 * then Truffle's retained-size calculation on a thread of its own while the context runs.
 *
 * <p>The call keeps running during the walk, which takes milliseconds for a small context but up to seconds for a
 * large graph of small objects on a busy machine. Meanwhile the guard keeps watching: a call that allocates
 * {@value #CEILING_FACTOR} times its limit before the walk ends is judged over without waiting for it, so a fast
 * bomb cannot outrun a slow walk to the end of the JVM's heap.
 *
 * <p>Threads of its own, not the {@link Watchdog}'s: time-outs must not wait for a walk.
 */
final class MemoryGuard implements Runnable {
    static final long POLL_MILLIS = 5;
    static final int CEILING_FACTOR = 4;
    private static final long POLL_NANOS = Duration.ofMillis(POLL_MILLIS).toNanos();
    private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Slot> slots;
    private final Thread thread;
    private final ExecutorService walker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("jsctx-memory-walker").factory());
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

    /** Stops the threads, waiting at most until {@code deadlineNanos}. */
    void stop(long deadlineNanos) throws InterruptedException {
        boolean wasStarted;
        synchronized (this) {
            stopped = true;
            wasStarted = started;
        }
        walker.shutdownNow();
        if (wasStarted) {
            LockSupport.unpark(thread);
            thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
            walker.awaitTermination(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            for (Slot slot : slots) {
                try {
                    slot.watch(walker);
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
     * lands on a later call. While a walk is under way ({@code walking}), the runtime thread does not leave
     * {@link #end}, so the context is not closed under the walker.
     */
    static final class Slot {
        private static final long IDLE = 0;
        private static final long RUNNING = 1;
        private static final long JUDGING = 2;
        private static final long OVER = 3;
        private static final long PHASE = 3;

        private final AtomicLong state = new AtomicLong(IDLE);
        /** What was found past the limit; set once by whoever judged the call over, before it publishes OVER. */
        private final AtomicLong overBytes = new AtomicLong();
        /** The runtime thread's allocation counter at the last limited call's end or at the last judgement. */
        private final AtomicLong judgedAt = new AtomicLong();
        /** A walker measures the context; set by the guard, cleared by the walker when done. */
        private volatile boolean walking;
        // Written by the runtime thread before the state that publishes them; target is null between calls.
        private EngineContext target;
        private long limitBytes;
        private long threadId = -1;
        private long runs;

        /**
         * Runtime thread: a call of {@code context}, which may hold {@code limitBytes}, starts. Reads no counter: the
         * baseline is the thread's count at the previous limited call's end (see {@link #end}), so a call pays one
         * read of the counter, not two.
         *
         * @return the token to pass to {@link #end}
         */
        long begin(EngineContext context, long limitBytes) {
            long token = (++runs << 2) | RUNNING;
            target = context;
            this.limitBytes = limitBytes;
            long id = Thread.currentThread().threadId();
            if (id != threadId) { // the slot's first call, or a runtime thread that replaced a dead one
                threadId = id;
                judgedAt.lazySet(THREADS.getCurrentThreadAllocatedBytes());
            }
            state.lazySet(token); // release: the guard sees the fields above with it, a poll later at worst
            return token;
        }

        /**
         * Runtime thread, the call returned (its engine context left): the verdict. If a walk is under way, waits for
         * it; if the thread allocated much since the last judgement, judges it now. That count is what the thread
         * allocated since the previous limited call ended, so it also holds what ran between (the pool's own work,
         * contexts without a limit on the same thread): at worst a walk that finds the context within its limit.
         * Lets go of the context: the slot must not keep it (a bombed one with its heap) reachable once it closes.
         *
         * @return the bytes found past the limit, or -1 if the context is within it
         */
        long end(long token) {
            try {
                return verdict(token);
            } finally {
                target = null; // no walk or interrupt is under way any more: they run only while the call does
            }
        }

        private long verdict(long token) {
            long idle = token & ~PHASE;
            while (true) {
                if (!walking) {
                    if (state.compareAndSet(token, idle)) {
                        break;
                    }
                    if (state.get() == (idle | OVER)) {
                        state.set(idle);
                        judgedAt.lazySet(THREADS.getCurrentThreadAllocatedBytes()); // the bomb is not the next call's
                        long over = overBytes.get();
                        overBytes.set(0);
                        return over;
                    }
                }
                LockSupport.parkNanos(20_000); // a walk of the context's heap: milliseconds, seconds at worst
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            long since = allocated - judgedAt.get();
            judgedAt.lazySet(allocated);
            if (since < trigger(limitBytes)) {
                return -1;
            }
            long retained = target.retainedBytesUpTo(limitBytes);
            return retained > limitBytes ? retained : -1;
        }

        /** Guard thread: starts a walk if the running call allocated enough, or judges it over past the ceiling. */
        void watch(ExecutorService walker) {
            long seen = state.get();
            long phase = seen & PHASE;
            if (phase != RUNNING && phase != JUDGING) {
                return;
            }
            long allocated = THREADS.getThreadAllocatedBytes(threadId);
            long since = allocated - judgedAt.get();
            long judging = (seen & ~PHASE) | JUDGING;
            if (phase == JUDGING) {
                if (since >= CEILING_FACTOR * limitBytes) {
                    judgeOver(judging, since); // the walk did not keep up; it ends on its own
                }
                return;
            }
            if (since < trigger(limitBytes) || !state.compareAndSet(seen, judging)) {
                return;
            }
            judgedAt.set(allocated);
            walking = true;
            try {
                walker.execute(() -> walk(seen, judging));
            } catch (RuntimeException e) { // rejected: the pool is closing
                state.compareAndSet(judging, seen);
                walking = false;
            }
        }

        /** Walker thread: measures the context and judges the call. */
        private void walk(long running, long judging) {
            try {
                long retained = target.retainedBytesUpTo(limitBytes);
                if (retained > limitBytes) {
                    judgeOver(judging, retained);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "The engine failed to measure a context; the call goes on", e);
            } finally {
                synchronized (this) { // not back to RUNNING once the guard judged the call over meanwhile
                    if (overBytes.get() == 0) {
                        state.compareAndSet(judging, running);
                    }
                }
                walking = false;
            }
        }

        /**
         * Guard or walker, while the call is being judged: it is over its limit. Interrupts it before publishing that;
         * the runtime thread waits in end() meanwhile, so the context is not closed under the interrupt.
         */
        private void judgeOver(long judging, long bytes) {
            synchronized (this) {
                if (state.get() != judging || !overBytes.compareAndSet(0, bytes)) {
                    return; // judged already, or the walk found the call within its limit
                }
            }
            target.interrupt();
            state.compareAndSet(judging, (judging & ~PHASE) | OVER);
        }
    }
}
