package dev.jsctx.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures the retained heap: used heap after full collections, so only what is reachable counts.
 */
final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {}

    static long retainedBytes() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        // Collect until the figure settles: finalization and reference processing can free more on a second pass.
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
