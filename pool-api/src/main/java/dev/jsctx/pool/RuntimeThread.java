package dev.jsctx.pool;

import dev.jsctx.pool.spi.EngineRuntime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * One runtime thread: a platform thread that owns one {@link EngineRuntime} and runs everything of its
 * contexts, in a loop: take the whole inbox, run due timers, and when there is nothing to do spin briefly
 * (a call arriving within microseconds is picked up without a wake-up), make a missing spare once it has stayed
 * idle a little longer, then park until the next timer or new work.
 */
final class RuntimeThread implements Runnable {
    /** How long an idle loop spins before parking: about one wake-up's cost, measured on this kind of machine. */
    private static final long SPIN_NANOS = 5_000;
    /**
     * How long the thread stays idle before it makes a missing spare, unless work comes first. Making one takes
     * hundreds of microseconds of CPU; started as soon as a caller who took a spare woke the thread, it often ran on
     * that caller's core and delayed the caller's open by as much (measured: GraalJS open p50 260 us, 14 us with
     * this delay).
     */
    private static final long REFILL_DELAY_NANOS = 500_000;

    private static final System.Logger LOG = System.getLogger(RuntimeThread.class.getName());

    private final RuntimePool pool;
    private final int index;
    private final int generation;
    private final String name;
    private final Thread thread;
    private final Inbox inbox = new Inbox();
    private final CallGuard guard = new CallGuard();
    private final Watchdog watchdog;
    private final TimerQueue timers = new TimerQueue();
    private final ThreadStats stats = new ThreadStats();
    private final SpareShelves spares;
    private final ArrayDeque<ContextLane> resumable = new ArrayDeque<>();
    private final Set<ContextLane> lanes = new HashSet<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private EngineRuntime runtime;
    private boolean stopping;
    /** The thread has already stayed idle once before making the next missing spare. */
    private boolean refillDelayed;

    private volatile boolean sleeping;
    private volatile boolean stopped;
    /**
     * Why the thread died, set as soon as something escaped onto it and before its contexts are closed, so
     * {@link #isRunning} says so at once; null while it lives.
     */
    private volatile ContextClosedException death;

    /**
     * @param generation 0 for the pool's first thread at {@code index}, then one more for each replacement
     */
    RuntimeThread(RuntimePool pool, int index, int generation, int sparesPerSpec) {
        this.pool = pool;
        this.index = index;
        this.generation = generation;
        this.name = "jsctx-runtime-" + index + (generation == 0 ? "" : "." + generation);
        this.spares = new SpareShelves(this, sparesPerSpec);
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this);
        this.watchdog = new Watchdog(name, guard, pool.smallestTimeoutNanos());
    }

    void start() {
        watchdog.start();
        thread.start();
    }

    /**
     * Waits until the engine runtime exists on the thread.
     *
     * @throws java.util.concurrent.CompletionException with the engine's error as cause
     */
    void awaitStarted() {
        started.join();
    }

    /** Waits until the engine runtime exists on the thread or failed to. */
    void awaitStartedOrFailed() {
        started.exceptionally(e -> null).join();
    }

    /**
     * Hands work to the thread; any thread. If the thread has stopped, the work is rejected at once.
     */
    void submit(Work work) {
        stats.submitted();
        boolean wasEmpty = inbox.push(work);
        if (stopped) {
            rejectQueued();
        } else if (wasEmpty && sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Asks the thread to close its contexts and its runtime, after the work already queued. */
    void requestStop() {
        submit(Work.chore(() -> stopping = true));
    }

    /**
     * @return whether the thread ended before {@code deadlineNanos}
     */
    boolean join(long deadlineNanos) throws InterruptedException {
        if (isCurrentThread()) {
            return false;
        }
        return thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
    }

    /** Fails all work still queued; any thread, for a thread that stopped or will not. */
    void rejectQueued() {
        Work work = inbox.drain();
        while (work != null) {
            Work following = work.next;
            work.next = null;
            work.reject(death != null ? workLost() : new PoolClosedException("The pool is closed"));
            work = following;
        }
    }

    /** Any thread: the thread has not stopped (it stops when the pool closes, or when it died). */
    boolean isRunning() {
        return !stopped && death == null;
    }

    /** Any thread: why the thread died (its message reads "runtime thread NAME died of ..."), or null. */
    ContextClosedException death() {
        return death;
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    void checkOwner(String what) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(what + " must be used on the context's runtime thread " + name + ", not on "
                    + Thread.currentThread());
        }
    }

    int index() {
        return index;
    }

    String name() {
        return name;
    }

    int generation() {
        return generation;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    RuntimePool pool() {
        return pool;
    }

    EngineRuntime engineRuntime() {
        return runtime;
    }

    CallGuard guard() {
        return guard;
    }

    TimerQueue timers() {
        return timers;
    }

    ThreadStats stats() {
        return stats;
    }

    /**
     * Runtime thread: an engine context for a new or reset context, a spare if one is ready; the caller makes it
     * serve its context.
     */
    HostedContext obtain(Blueprint blueprint) {
        HostedContext hosted = spares.take(blueprint.shape(), spare -> spare);
        if (hosted == null) {
            hosted = HostedContext.create(this, blueprint);
        }
        spares.keep(blueprint);
        return hosted;
    }

    /**
     * Any thread: opens a context on a spare of this thread without waiting for the thread, which may be busy or
     * parked. The spare is handed over by work queued before the context is returned, so it runs before anything
     * done with the context; that work also wakes the thread, which then makes a new spare when idle. The
     * context's place must be reserved already.
     *
     * @return the context, or null when no spare of that shape is ready
     */
    PooledContext openWithSpare(Blueprint blueprint) {
        return spares.take(blueprint.shape(), spare -> {
            PooledContext context = new PooledContext(pool, this, blueprint, spare);
            submit(new SpareHandOver(context.lane()));
            return context;
        });
    }

    /** Any thread: how many spares are ready now. */
    int sparesReady() {
        return spares.ready();
    }

    /** Runtime thread: the lane's context is open here; the thread closes it if it stops first. */
    void register(ContextLane lane) {
        lanes.add(lane);
    }

    void unregister(ContextLane lane) {
        lanes.remove(lane);
    }

    /** Runtime thread: the lane's call in flight has its result; run its waiting calls once the stack unwinds. */
    void resumeLater(ContextLane lane) {
        resumable.add(lane);
    }

    @Override
    public void run() {
        try {
            runtime = pool.engine().newRuntime(index);
        } catch (RuntimeException | Error e) {
            stopped = true;
            watchdog.requestStop();
            started.completeExceptionally(e);
            rejectQueued();
            return;
        }
        started.complete(null);
        RuntimeThread replacement = null;
        try {
            loop();
        } catch (Throwable e) {
            diedOf(e);
            LOG.log(
                    System.Logger.Level.ERROR,
                    "Runtime thread " + name + " died; closing its contexts and starting a new thread in its place",
                    e);
            replacement = pool.replace(this); // first, so that no new context is placed here from now on
        } finally {
            try {
                shutdown();
            } finally {
                if (replacement != null) {
                    pool.replaced(this, replacement);
                }
            }
        }
    }

    private void diedOf(Throwable e) {
        if (death == null) {
            death = new ContextClosedException("runtime thread " + name + " died of " + e);
        }
    }

    /** What work that was queued on, or running on, a thread that died fails with. */
    private ContextClosedException workLost() {
        return new ContextClosedException("The " + death.getMessage() + "; its contexts are closed, open a new one");
    }

    private void loop() {
        while (!stopping) {
            Work batch = inbox.drain();
            if (batch != null) {
                runBatch(batch);
            }
            boolean ranTimers = runDueTimers();
            if (batch != null || ranTimers || spinForWork()) {
                continue;
            }
            if (!refillDelayed && spares.hasMissing()) {
                refillDelayed = true;
                parkUntilWorkOrTimer(REFILL_DELAY_NANOS);
                continue;
            }
            refillDelayed = false;
            if (spares.refillOne()) {
                continue;
            }
            parkUntilWorkOrTimer(Long.MAX_VALUE);
        }
    }

    private void runBatch(Work batch) {
        int count = 0;
        Work work = batch;
        while (work != null) {
            Work following = work.next;
            work.next = null;
            count++;
            if (stopping) {
                work.reject(new PoolClosedException("The pool is closed"));
            } else {
                execute(work);
            }
            work = following;
        }
        stats.taken(count);
        resumeLanes();
    }

    private void execute(Work work) {
        try {
            work.execute(this);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure on runtime thread " + name, e);
            work.reject(EngineErrors.asPoolError(e, "unexpectedly"));
        } catch (Error e) {
            // The thread dies of it (see run), but whoever waits for this work must not wait forever.
            diedOf(e);
            work.reject(workLost());
            throw e;
        }
    }

    private boolean runDueTimers() {
        if (timers.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        boolean ran = false;
        TimerQueue.Timer timer;
        while (!stopping && (timer = timers.pollDue(now)) != null) {
            ContextLane lane = timer.owner() == null ? null : timer.owner().lane();
            long deferredUntil = lane == null ? now : lane.deferredUntil(now);
            if (deferredUntil != now) {
                timers.postpone(timer, deferredUntil); // timers count against the context's fair share too
                continue;
            }
            ran = true;
            runTimer(timer);
            resumeLanes();
        }
        return ran;
    }

    private static void runTimer(TimerQueue.Timer timer) {
        HostedContext owner = timer.owner();
        if (owner == null) {
            timer.run(); // the pool's own deadline; calls no engine code
        } else {
            owner.runGuarded("a timer task", timer::run); // with its context's limits, see ContextLane.runGuest
        }
    }

    private void resumeLanes() {
        ContextLane lane;
        while ((lane = resumable.poll()) != null) {
            lane.resume();
        }
    }

    private boolean spinForWork() {
        long until = System.nanoTime() + SPIN_NANOS;
        while (inbox.isEmpty()) {
            if (System.nanoTime() - until > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /**
     * @param maxWaitNanos the longest park, or {@link Long#MAX_VALUE} for no limit but the next timer
     */
    private void parkUntilWorkOrTimer(long maxWaitNanos) {
        sleeping = true;
        if (inbox.isEmpty()) { // checked after announcing sleep: a producer either sees us asleep or we see its work
            long due = timers.nextDue();
            long wait = due == Long.MAX_VALUE ? maxWaitNanos : Math.min(maxWaitNanos, due - System.nanoTime());
            if (wait == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
            Thread.interrupted(); // nobody should interrupt this thread; never let it turn parking into spinning
        }
        sleeping = false;
    }

    private void shutdown() {
        stopping = true;
        spares.closeAll();
        rejectQueued(); // here, while the runtime is open: a spare on its way to a context is closed now
        for (ContextLane lane : new ArrayList<>(lanes)) {
            lane.context().closeWithItsThread();
        }
        timers.clear();
        if (runtime != null) {
            try {
                runtime.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "The engine failed to close runtime " + index, e);
            }
        }
        stopped = true;
        watchdog.requestStop();
        rejectQueued();
    }
}
