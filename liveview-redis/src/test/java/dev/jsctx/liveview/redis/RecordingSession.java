package dev.jsctx.liveview.redis;

import dev.jsctx.liveview.LiveSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A session that keeps what it is sent, standing in for a view on one node. */
final class RecordingSession implements LiveSession {

    private final String id;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    RecordingSession(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public <T extends AutoCloseable> T own(T resource) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean send(Object message) {
        return received.add(message);
    }

    @Override
    public String tabId() {
        return "tab-" + id;
    }

    @Override
    public void subscribe(String topic) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void track(String topic) {
        throw new UnsupportedOperationException();
    }

    /** The next message within {@code seconds}, or null. */
    Object next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    List<Object> drained() {
        List<Object> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }
}
