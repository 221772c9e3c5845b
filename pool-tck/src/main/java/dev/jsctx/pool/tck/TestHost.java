package dev.jsctx.pool.tck;

import dev.jsctx.pool.ContextClosedException;
import dev.jsctx.pool.spi.ContextHost;
import java.util.List;
import java.util.PriorityQueue;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link ContextHost} for tests that use an engine without the pool, with a virtual clock: scheduled tasks run
 * when the test calls {@link HarnessContext#runTasks()}, in due-time order, without waiting. Records what the
 * context logs and whether the engine reported it dead.
 */
public final class TestHost implements ContextHost {
    private final String label;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private volatile ContextClosedException death;
    private long now;
    private long sequence;

    TestHost(String label) {
        this.label = label;
    }

    @Override
    public synchronized Cancellable schedule(long delayMillis, Runnable task) {
        Task scheduled = new Task(now + Math.max(0, delayMillis), sequence++, task);
        tasks.add(scheduled);
        return () -> scheduled.cancelled = true;
    }

    /** Runs due tasks, advancing the virtual clock, until none is left or 1,000 ran (an endless interval). */
    int runTasks() {
        int ran = 0;
        Task task;
        while (ran < 1_000 && (task = next()) != null) {
            task.runnable.run();
            ran++;
        }
        return ran;
    }

    private synchronized Task next() {
        Task task;
        while ((task = tasks.poll()) != null) {
            if (!task.cancelled) {
                now = task.due;
                return task;
            }
        }
        return null;
    }

    /** @return tasks scheduled and neither run nor cancelled */
    public synchronized long pendingTasks() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }

    /** @return every line logged to {@link #scriptLogger()}, as {@code LEVEL message} */
    public List<String> logged() {
        return logged;
    }

    /** @return what the engine reported with {@link #died}, or null */
    public ContextClosedException death() {
        return death;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public System.Logger scriptLogger() {
        return new RecordingLogger();
    }

    @Override
    public void died(ContextClosedException reason) {
        if (death == null) {
            death = reason;
        }
    }

    private static final class Task implements Comparable<Task> {
        private final long due;
        private final long sequence;
        private final Runnable runnable;
        private volatile boolean cancelled;

        private Task(long due, long sequence, Runnable runnable) {
            this.due = due;
            this.sequence = sequence;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(sequence, other.sequence);
        }
    }

    private final class RecordingLogger implements System.Logger {
        @Override
        public String getName() {
            return SCRIPT_LOGGER_NAME;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            logged.add(level + " " + message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            logged.add(level + " " + format);
        }

        @Override
        public void log(Level level, Supplier<String> messageSupplier) {
            logged.add(level + " " + messageSupplier.get());
        }
    }
}
