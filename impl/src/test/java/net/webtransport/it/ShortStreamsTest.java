package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Streams that have ended leave nothing behind: many short echo streams on one session do not grow the heap. */
class ShortStreamsTest {

    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the lowest of a few collections: the others still held garbage
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Runs {@code count} echo streams, {@code parallel} at a time, each 10 bytes and FIN there and back. */
    static void echoStreams(Session session, int count, int parallel) throws Exception {
        for (int done = 0; done < count; done += parallel) {
            List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                s.writable().write(ByteBuffer.wrap("0123456789".getBytes()), true);
                echoes.add(Loopback.readAll(s.readable()));
            }
            for (CompletableFuture<byte[]> e : echoes) {
                assertEquals(10, e.get(10, TimeUnit.SECONDS).length);
            }
        }
    }

    @Test
    void sixtyThousandShortEchoStreamsLeaveTheHeapWhereItWas() throws Exception {
        SessionHandler echoWithFin = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                // The echo and its FIN in one write, as a request/response exchange would do it.
                Loopback.readAll(stream.readable()).thenAccept(b -> stream.writable().write(ByteBuffer.wrap(b), true));
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(echoWithFin))) {
            Session session = loop.connect("/", new SessionHandler() { });
            echoStreams(session, 1_000, 20); // warm up: pools, JIT, caches
            long before = usedHeapAfterGc();
            echoStreams(session, 60_000, 20);
            long after = usedHeapAfterGc();
            long growth = after - before;
            System.out.printf("heap after 1,000 streams %.1f MiB, after 60,000 more %.1f MiB (growth %.2f MiB)%n",
                    before / 1048576.0, after / 1048576.0, growth / 1048576.0);
            // The registration bug this guards against kept ~0.86 KiB per stream: 50 MiB here.
            assertTrue(growth < 3L << 20, "the heap grew by " + growth + " bytes over 60,000 ended streams");
        }
    }
}
