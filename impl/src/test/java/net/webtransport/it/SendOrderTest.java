package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/**
 * W3C WebTransport send order: among the streams of a session, the bytes of a stream with a higher
 * send order go out before those of a lower one.
 */
class SendOrderTest {
    static final int SIZE = 10 << 20;

    /** Counts what arrives on each unidirectional stream; notes the other streams' counts when one finishes. */
    static final class Counting implements SessionHandler {
        final ConcurrentHashMap<Long, AtomicLong> received = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Long, CompletableFuture<java.util.Map<Long, Long>>> finished = new ConcurrentHashMap<>();

        CompletableFuture<java.util.Map<Long, Long>> finishedFuture(long id) {
            return finished.computeIfAbsent(id, k -> new CompletableFuture<>());
        }

        @Override
        public void onUnidirectionalStream(Session session, ReceiveStream stream) {
            received.putIfAbsent(stream.id(), new AtomicLong());
            read(stream);
        }

        private void read(ReceiveStream stream) {
            stream.read().thenAccept(r -> {
                received.get(stream.id()).addAndGet(r.data().remaining());
                if (r.fin()) {
                    java.util.Map<Long, Long> snapshot = new java.util.HashMap<>();
                    received.forEach((id, n) -> snapshot.put(id, n.get()));
                    finishedFuture(stream.id()).complete(snapshot);
                } else {
                    read(stream);
                }
            });
        }
    }

    /**
     * Writes SIZE bytes to each stream at once, in 64 KiB writes alternating between them (the lower
     * first) without waiting, the last with FIN.
     */
    static CompletableFuture<Void> writeBoth(SendStream first, SendStream second) {
        CompletableFuture<Void> last = null;
        for (int off = 0; off < SIZE; off += 64 << 10) {
            boolean fin = off + (64 << 10) >= SIZE;
            CompletableFuture<Void> a = first.write(ByteBuffer.allocate(64 << 10), fin);
            CompletableFuture<Void> b = second.write(ByteBuffer.allocate(64 << 10), fin);
            last = CompletableFuture.allOf(a, b);
        }
        return last;
    }

    @Test
    void theStreamWithTheHigherSendOrderFinishesFirstWhileTheLowerHasSentUnderHalf() throws Exception {
        Counting server = new Counting();
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            SendStream low = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            SendStream high = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            low.sendOrder(1);
            high.sendOrder(2);
            CompletableFuture<Void> bothDone = writeBoth(low, high);
            java.util.Map<Long, Long> whenHighFinished = server.finishedFuture(high.id()).get(30, TimeUnit.SECONDS);
            assertEquals(SIZE, whenHighFinished.get(high.id()));
            long lowBytes = whenHighFinished.getOrDefault(low.id(), 0L);
            System.out.println("when the send-order-2 stream finished, the send-order-1 stream had delivered "
                    + lowBytes + " of " + SIZE + " bytes");
            assertTrue(lowBytes < SIZE / 2, "the lower send order had delivered " + lowBytes + " bytes already");
            assertEquals(SIZE, server.finishedFuture(low.id()).get(30, TimeUnit.SECONDS).get(low.id()),
                    "the lower stream still delivers everything");
            bothDone.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void streamsInDifferentSendGroupsShareTheConnectionWhateverTheirSendOrders() throws Exception {
        Counting server = new Counting();
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            SendStream low = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            SendStream high = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
            low.sendGroup(1);
            high.sendGroup(2);
            low.sendOrder(1);
            high.sendOrder(1000); // would starve the other within one group
            CompletableFuture<Void> bothDone = writeBoth(low, high);
            long firstId = CompletableFuture.anyOf(server.finishedFuture(low.id()), server.finishedFuture(high.id()))
                    .thenApply(m -> server.finishedFuture(high.id()).isDone() ? high.id() : low.id()).get(30, TimeUnit.SECONDS);
            java.util.Map<Long, Long> whenFirstFinished = server.finishedFuture(firstId).get(30, TimeUnit.SECONDS);
            long otherBytes = whenFirstFinished.getOrDefault(firstId == high.id() ? low.id() : high.id(), 0L);
            System.out.println("with separate send groups, the other stream had delivered " + otherBytes + " of " + SIZE);
            assertTrue(otherBytes > SIZE / 4, "separate groups share fairly: the other had delivered only " + otherBytes);
            bothDone.get(30, TimeUnit.SECONDS);
        }
    }
}
