package dev.jsctx.pool.graal;

import dev.jsctx.pool.spi.ContextHost;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * A {@link ContextHost} on the test's own thread with a virtual clock: scheduled tasks run when the test calls
 * {@link #runTasks()}, in due-time order, without waiting. Records what the context logs.
 */
final class TestHost implements ContextHost {
    private final String label;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<String> logged = new ArrayList<>();
    private long now;
    private long sequence;

    TestHost(String label) {
        this.label = label;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Task scheduled = new Task(now + delayMillis, sequence++, task);
        tasks.add(scheduled);
        return () -> scheduled.cancelled = true;
    }

    /** Runs due tasks, advancing the virtual clock, until none is left or 1,000 ran (an endless interval). */
    int runTasks() {
        int ran = 0;
        while (!tasks.isEmpty() && ran < 1_000) {
            Task task = tasks.poll();
            if (!task.cancelled) {
                now = task.due;
                task.runnable.run();
                ran++;
            }
        }
        return ran;
    }

    /** @return tasks scheduled and neither run nor cancelled */
    long pendingTasks() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }

    List<String> logged() {
        return logged;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public System.Logger scriptLogger() {
        return new RecordingLogger();
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long sequence;
        final Runnable runnable;
        boolean cancelled;

        Task(long due, long sequence, Runnable runnable) {
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
            return "test." + label;
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
