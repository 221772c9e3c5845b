package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<Thread> writers = new CopyOnWriteArrayList<>();
    private final Semaphore wrote = new Semaphore(0);
    private final AtomicInteger overflows = new AtomicInteger();
    private final CountDownLatch overflowed = new CountDownLatch(1);
    private final Outbound outbound = new Outbound(
            4,
            new Outbound.Writer() {
                @Override
                public void text(String text) {
                    writers.add(Thread.currentThread());
                    written.add(text);
                    wrote.release();
                }

                @Override
                public void pong(byte[] payload) {
                    text("pong");
                }

                @Override
                public void close(CloseReason reason) {
                    text("close " + reason.code());
                }
            },
            () -> {
                overflows.incrementAndGet();
                overflowed.countDown();
            },
            "test-writer");

    @Test
    void framesQueuedWhileHandlingAreWrittenByTheHandlerAfterItReturns() {
        outbound.writeOnReturn(() -> {
            outbound.text("reply");
            outbound.pong(new byte[0]);
            assertEquals(List.of(), written, "nothing is written while the handling runs (it may hold a lock)");
        });
        assertEquals(List.of("reply", "pong"), written);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), writers);
    }

    @Test
    void aFrameAnotherThreadQueuesWhileHandlingRunsDoesNotWaitForTheHandler() throws Exception {
        outbound.writeOnReturn(() -> {
            outbound.text("reply");
            Thread.ofVirtual().start(() -> outbound.text("broadcast"));
            assertTrue(acquire(2), "both frames are written while the handling still runs");
            assertEquals(List.of("reply", "broadcast"), written, "in the order they were queued");
            assertNotSame(Thread.currentThread(), writers.get(0));
        });
        assertEquals(List.of("reply", "broadcast"), written, "the handler has nothing left to write");
    }

    @Test
    void aFrameQueuedOutsideHandlingIsWrittenByAWriterThreadNotTheCaller() throws Exception {
        outbound.text("push");
        assertTrue(acquire(1));
        assertEquals(List.of("push"), written);
        assertNotSame(Thread.currentThread(), writers.get(0));
    }

    @Test
    void handlingThatThrowsStillWritesWhatItQueued() {
        RuntimeException failure = new IllegalStateException("boom");
        RuntimeException thrown = assertThrows(
                RuntimeException.class,
                () -> outbound.writeOnReturn(() -> {
                    outbound.close(CloseReason.INTERNAL);
                    throw failure;
                }));
        assertSame(failure, thrown);
        assertEquals(List.of("close " + CloseReason.INTERNAL.code()), written);
    }

    @Test
    void aQueueThatOverflowsWhileHandlingDropsItsFramesAndReportsOnce() throws Exception {
        outbound.writeOnReturn(() -> {
            for (int i = 0; i < 6; i++) {
                outbound.text("frame " + i);
            }
        });
        assertEquals(List.of(), written, "an overflowing queue writes nothing more");
        assertTrue(overflowed.await(5, TimeUnit.SECONDS));
        outbound.text("after the overflow");
        assertEquals(1, overflows.get());
        assertEquals(List.of(), written);
    }

    private boolean acquire(int frames) {
        try {
            return wrote.tryAcquire(frames, 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
