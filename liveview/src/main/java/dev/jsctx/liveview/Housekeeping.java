package dev.jsctx.liveview;

import java.lang.System.Logger.Level;

/**
 * A round of a periodic chore (the sweeper's) that never ends the chore: a scheduled executor stops running a task
 * for good once it throws, so any {@link Throwable} of a round, {@link Error}s included, is caught here and logged at
 * most once per {@link RefusalLog#INTERVAL_NANOS}, and the next round runs as planned. Thread-safe.
 */
final class Housekeeping implements Runnable {
    private final String name;
    private final Runnable round;
    private final RefusalLog failures = new RefusalLog(System.getLogger(Housekeeping.class.getName()));

    /**
     * @param name  what the chore is, for the log
     * @param round one round of it
     */
    Housekeeping(String name, Runnable round) {
        this.name = name;
        this.round = round;
    }

    @Override
    public void run() {
        try {
            round.run();
        } catch (Throwable e) {
            failures.refused(Level.ERROR, () -> "A round of the " + name + " failed; the next one runs as planned", e);
        }
    }
}
