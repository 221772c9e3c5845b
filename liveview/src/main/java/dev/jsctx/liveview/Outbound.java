package dev.jsctx.liveview;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * One socket's bounded queue of frames to the browser, written in order, so no caller that queues a frame (a view
 * holding its lock, the sweeper, another session's broadcast) ever waits on a slow reader's socket. The frames
 * the connection's thread queues while it handles a frame ({@link #writeOnReturn}) are written by that thread when
 * it returns, outside any lock it took; the others by a short-lived virtual thread. A queue that overflows calls
 * {@code overflow} once; the sweeper drops a socket whose current write takes longer than the write time-out
 * ({@link #writingSinceNanos()}). Thread-safe.
 */
final class Outbound {

    /** Writes frames to the socket; called on the writer thread only, one frame at a time. */
    interface Writer {
        void text(String text);

        void pong(byte[] payload);

        void close(CloseReason reason);
    }

    private static final System.Logger LOGGER = System.getLogger(Outbound.class.getName());

    private final int capacity;
    private final Writer writer;
    private final Runnable overflow;
    private final String name;

    // guarded by this
    private final ArrayDeque<Object> frames = new ArrayDeque<>(4);
    private boolean draining;
    private boolean closed;
    /** The connection's thread while it handles a frame: it writes what it queues meanwhile. */
    private Thread handler;

    private volatile long writingSinceNanos;
    private volatile Thread writerThread;

    Outbound(int capacity, Writer writer, Runnable overflow, String name) {
        this.capacity = capacity;
        this.writer = writer;
        this.overflow = overflow;
        this.name = name;
    }

    /** Queue a text frame; dropped if the close frame was queued. Never blocks. */
    void text(String text) {
        enqueue(text);
    }

    /** Queue a pong with the ping's payload. Never blocks. */
    void pong(byte[] payload) {
        enqueue(payload);
    }

    /** Queue the close frame; every later frame is dropped. Never blocks. */
    void close(CloseReason reason) {
        enqueue(reason);
    }

    /**
     * Give up: drop what is queued and interrupt a write in progress, which closes the socket's channel (a
     * write to a peer that stopped reading would otherwise block forever, holding Helidon's send lock).
     */
    void abort() {
        synchronized (this) {
            closed = true;
            frames.clear();
        }
        Thread writer = writerThread;
        if (writer != null) {
            writer.interrupt();
        }
    }

    /**
     * Runs {@code handling} (one frame's work, on the connection's thread) and then writes on this thread the frames
     * it queued, once {@code handling} returned and released its locks: a reply needs no writer thread and no
     * hand-off. A frame another thread queues meanwhile starts a writer as always, which takes the held frames
     * first. A write that blocks holds only this connection, whose thread has nothing else to do; the sweeper drops
     * it after the write time-out ({@link #abort()} interrupts it).
     */
    void writeOnReturn(Runnable handling) {
        synchronized (this) {
            handler = Thread.currentThread();
        }
        try {
            handling.run();
        } finally {
            boolean write;
            synchronized (this) {
                handler = null;
                write = !draining && !frames.isEmpty();
                draining |= write;
            }
            if (write) {
                drain();
            }
        }
    }

    /** When the write in progress started ({@link System#nanoTime()}), or 0 when none is. */
    long writingSinceNanos() {
        return writingSinceNanos;
    }

    private void enqueue(Object frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (frame instanceof CloseReason) {
                closed = true;
            } else if (frames.size() >= capacity) {
                closed = true;
                frames.clear();
                Thread.ofVirtual().name(name + "-overflow").start(overflow);
                return;
            }
            frames.add(frame);
            if (draining || handler == Thread.currentThread()) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().name(name).start(this::drain);
    }

    private void drain() {
        writerThread = Thread.currentThread();
        try {
            drainFrames();
        } finally {
            writerThread = null;
        }
    }

    private void drainFrames() {
        while (true) {
            Object frame;
            synchronized (this) {
                frame = frames.poll();
                if (frame == null) {
                    draining = false;
                    return;
                }
            }
            writingSinceNanos = Math.max(1, System.nanoTime());
            try {
                switch (frame) {
                    case CloseReason reason -> writer.close(reason);
                    case byte[] payload -> writer.pong(payload);
                    default -> writer.text((String) frame);
                }
            } catch (RuntimeException e) {
                // the connection is gone; what is left cannot be delivered
                LOGGER.log(Level.DEBUG, "could not write to a WebSocket", e);
                synchronized (this) {
                    closed = true;
                    frames.clear();
                    draining = false;
                }
                return;
            } finally {
                writingSinceNanos = 0;
            }
        }
    }
}
