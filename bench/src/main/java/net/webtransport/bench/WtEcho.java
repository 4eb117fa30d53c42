package net.webtransport.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import net.webtransport.client.WebTransportClient;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReadResult;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * The WebTransport side of the echo figures: a server handler that writes back every chunk it reads
 * (waiting for each write, so the echo is flow controlled end to end), a bulk echo through one
 * stream, and 100-byte round trips on one open stream. Uses only write, finish and read, so the
 * same bench runs against earlier builds.
 */
final class WtEcho {
    private WtEcho() {
    }

    /** Server: echoes every bidirectional stream chunk by chunk, then finishes it after the peer's FIN. */
    static class Server implements SessionHandler {
        @Override
        public void onBidirectionalStream(Session session, BidirectionalStream stream) {
            echo(stream.readable(), stream.writable());
        }

        private static void echo(ReceiveStream in, SendStream out) {
            in.read().thenCompose(r -> (r.data().hasRemaining() ? out.write(r.data()) : CompletableFuture.<Void>completedFuture(null))
                    .thenApply(v -> r)).thenAccept(r -> {
                        if (r.fin()) {
                            out.finish();
                        } else {
                            echo(in, out);
                        }
                    });
        }
    }

    /** Echoes {@code total} bytes through one new stream; returns MB/s of the round trip, checked by count and CRC-32. */
    static double echo(WebTransportClient client, URI uri, long total) throws Exception {
        Session session = client.connect(uri, new SessionHandler() { }).get(10, TimeUnit.SECONDS);
        try {
            return echoOn(session, total);
        } finally {
            session.close().get(10, TimeUnit.SECONDS);
        }
    }

    /** Echoes {@code total} bytes through one new stream of {@code session}; returns MB/s, checked by count and CRC-32. */
    static double echoOn(Session session, long total) throws Exception {
        BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
        byte[] chunk = Payload.chunk();
        CRC32 crc = new CRC32();
        long[] count = new long[1];
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime();
        collect(stream.readable(), crc, count, done);
        WriteWindow window = new WriteWindow();
        for (long off = 0; off < total; off += chunk.length) {
            window.add(stream.writable().write(ByteBuffer.wrap(chunk)));
        }
        window.drain();
        stream.writable().finish();
        done.get(120, TimeUnit.SECONDS);
        long nanos = System.nanoTime() - start;
        EchoCheck.verify(count[0], crc.getValue(), total);
        return total / 1e6 / (nanos / 1e9);
    }

    /** Reads to FIN on the executor, counting and checksumming (reads of one stream never overlap). */
    private static void collect(ReceiveStream in, CRC32 crc, long[] count, CompletableFuture<Void> done) {
        in.read().whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
                return;
            }
            count[0] += r.data().remaining();
            crc.update(r.data());
            if (r.fin()) {
                done.complete(null);
            } else {
                collect(in, crc, count, done);
            }
        });
    }

    /** Round-trip microseconds of {@code rounds} 100-byte messages on one open stream, after {@code warmUp} more. */
    static long[] roundTrips(WebTransportClient client, URI uri, int warmUp, int rounds) throws Exception {
        Session session = client.connect(uri, new SessionHandler() { }).get(10, TimeUnit.SECONDS);
        try {
            BidirectionalStream stream = session.openBidirectionalStream().get(10, TimeUnit.SECONDS);
            long[] micros = new long[rounds];
            for (int i = 0; i < warmUp + rounds; i++) {
                long start = System.nanoTime();
                stream.writable().write(ByteBuffer.allocate(100));
                int got = 0;
                while (got < 100) {
                    ReadResult r = stream.readable().read().get(10, TimeUnit.SECONDS);
                    got += r.data().remaining();
                }
                if (i >= warmUp) {
                    micros[i - warmUp] = (System.nanoTime() - start) / 1000;
                }
            }
            return micros;
        } finally {
            session.close().get(10, TimeUnit.SECONDS);
        }
    }
}
