package net.webtransport.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One reading of a JVM's memory, in bytes, taken after a few full GCs so that the heap figure is
 * what is still reachable:
 *
 * @param heap        heap used after the GCs ({@code MemoryMXBean})
 * @param jdkDirect   the JVM's "direct" buffer pool ({@code BufferPoolMXBean}): direct buffers with a cleaner
 * @param nettyDirect direct memory Netty allocated without a cleaner ({@code PlatformDependent.usedDirectMemory()},
 *                    0 where Netty does not count it)
 * @param allocator   direct memory {@code ByteBufAllocator.DEFAULT}'s pools hold (a part of the two above,
 *                    printed to show how much of them is pooled)
 * @param heapCommitted the heap the JVM has committed (after the GCs, which may give some back)
 * @param rss         the process's resident set ({@code VmRSS}): also counts quiche's connection state,
 *                    which lives in native memory neither heap nor direct figure sees
 */
record MemoryReading(long heap, long jdkDirect, long nettyDirect, long allocator, long heapCommitted, long rss) {

    /** Direct memory in all: the JDK's pool and Netty's own count. */
    long direct() {
        return jdkDirect + Math.max(0, nettyDirect);
    }

    /** Reads this JVM after three {@code System.gc()} calls 100 ms apart. */
    static MemoryReading afterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        java.lang.management.MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long heap = usage.getUsed();
        long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long allocator = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
                ? p.metric().usedDirectMemory() : -1;
        return new MemoryReading(heap, jdkDirect, Math.max(0, PlatformDependent.usedDirectMemory()), allocator, usage.getCommitted(), residentSetSize());
    }

    private static long residentSetSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** What grew from {@code before} to this reading. */
    MemoryReading minus(MemoryReading before) {
        return new MemoryReading(heap - before.heap, jdkDirect - before.jdkDirect, nettyDirect - before.nettyDirect,
                allocator - before.allocator, heapCommitted - before.heapCommitted, rss - before.rss);
    }

    /** One line for the pipe between the bench and its server process. */
    String encode() {
        return heap + " " + jdkDirect + " " + nettyDirect + " " + allocator + " " + heapCommitted + " " + rss;
    }

    static MemoryReading decode(String line) {
        String[] f = line.trim().split(" ");
        return new MemoryReading(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
    }

    /**
     * This difference per {@code units}, in KiB: heap, direct (of it pooled by Netty's allocator), and
     * the growth of the resident set outside the committed heap (native memory: quiche's state, the
     * direct buffers, thread stacks, and whatever else malloc keeps; noisy, since freed native memory
     * need not go back to the OS).
     */
    String perUnit(int units) {
        double k = 1024.0 * units;
        return String.format(Locale.ROOT, "heap %.1f KiB, direct %.1f KiB (Netty allocator pools %.1f KiB of it);"
                + " resident outside the heap %.1f KiB", heap / k, direct() / k, allocator / k, (rss - heapCommitted) / k);
    }
}
