package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.readAllInto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

class BulkTransferTest {
    static final long TOTAL = 256L << 20;
    static final int CHUNK = 64 << 10;

    /** Reads to FIN, then answers with the byte count and the CRC-32 of what it read. */
    static final class CountingSink implements SessionHandler {
        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            count(stream.readable(), new CRC32(), 0, stream.writable());
        }

        private void count(ReceiveStream in, CRC32 crc, long n, SendStream reply) {
            in.read().thenAccept(r -> {
                long total = n + r.data().remaining();
                crc.update(r.data());
                if (r.fin()) {
                    reply.write(ByteBuffer.allocate(16).putLong(total).putLong(crc.getValue()).flip());
                    reply.finish();
                } else {
                    count(in, crc, total, reply);
                }
            });
        }
    }

    @Test
    void a256MiBTransferOnOneStreamArrivesComplete() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new CountingSink()))) {
            Session session = loop.connect("/sink", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            CRC32 sent = new CRC32();
            byte[] chunk = new byte[CHUNK];
            long seed = 0x9E3779B97F4A7C15L;
            CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
            for (long off = 0; off < TOTAL; off += CHUNK) {
                for (int i = 0; i < CHUNK; i += 8) {
                    seed ^= seed << 13;
                    seed ^= seed >>> 7;
                    seed ^= seed << 17;
                    ByteBuffer.wrap(chunk, i, 8).putLong(seed);
                }
                sent.update(chunk);
                CompletableFuture<Void> write = stream.writable().write(ByteBuffer.wrap(chunk));
                previous.get(30, TimeUnit.SECONDS); // at most two writes in flight: bounded memory
                previous = write;
            }
            previous.get(30, TimeUnit.SECONDS);
            stream.writable().finish();
            ByteBuffer reply = ByteBuffer.wrap(readAll(stream.readable()).get(60, TimeUnit.SECONDS));
            assertEquals(16, reply.remaining());
            assertEquals(TOTAL, reply.getLong(), "bytes counted by the server");
            assertEquals(sent.getValue(), reply.getLong(), "CRC-32 computed by the server");
            session.close();
        }
    }

    /**
     * 32 MiB offered on 8 streams against a 2 MiB receive limit (which also caps the QUIC connection
     * window): while nobody reads, the client's writes stop completing once the server holds what
     * its limit allows, so later streams cannot even arrive; once the server reads, every byte does.
     */
    @Test
    void streamsNobodyReadsHoldTheSenderBackAndAllArriveOnceRead() throws Exception {
        int streams = 8;
        int perStream = 4 << 20;
        CompletableFuture<Void> startReading = new CompletableFuture<>();
        List<CompletableFuture<byte[]>> reads = Collections.synchronizedList(new ArrayList<>());
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                CompletableFuture<byte[]> all = new CompletableFuture<>();
                reads.add(all);
                startReading.thenRun(() -> readAllInto(stream.readable(), all));
            }
        };
        try (WebTransportServer ws = WebTransportServer.builder().certificate(Loopback.CERTIFICATE)
                     .receiveBufferLimit(2 << 20).handler(r -> ConnectResponse.accept(server)).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf()).build()) {
            Session session = client.connect(URI.create("https://localhost:" + ws.port() + "/"),
                    new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> finished = new ArrayList<>();
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) 7);
            for (int i = 0; i < streams; i++) {
                BidirectionalStream s = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                CompletableFuture<Void> last = null;
                for (int off = 0; off < perStream; off += chunk.length) {
                    last = s.writable().write(ByteBuffer.wrap(chunk), off + chunk.length >= perStream);
                }
                finished.add(last);
            }
            CompletableFuture<Void> allSent = CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
            assertThrows(TimeoutException.class, () -> allSent.get(2, TimeUnit.SECONDS),
                    "with nobody reading, 32 MiB cannot all leave the client against a 2 MiB limit");
            startReading.complete(null);
            allSent.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reads.size() < streams && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(streams, reads.size(), "every stream arrived once the server read");
            for (CompletableFuture<byte[]> r : List.copyOf(reads)) {
                byte[] got = r.get(60, TimeUnit.SECONDS);
                assertEquals(perStream, got.length, "every byte arrives once the streams are read");
                assertEquals(7, got[got.length - 1]);
            }
        }
    }
}
