package net.webtransport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.spi.SessionHandle;
import net.webtransport.spi.StreamHandle;
import net.webtransport.streams.ReadableByteStream;
import net.webtransport.streams.ReadableStreamBYOBReader;
import net.webtransport.streams.ReadableStreamDefaultReader;
import net.webtransport.streams.WritableStreamDefaultWriter;
import org.junit.jupiter.api.Test;

/** The datagram rules of W3C §"WebTransportDatagramDuplexStream", against a session stand-in and a hand clock. */
class DatagramDuplexStreamTest {

    /** A session that records what is sent and completes sends when told. */
    static final class FakeSession implements SessionHandle {
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> sends = new CopyOnWriteArrayList<>();

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public CompletableFuture<Void> sendDatagram(byte[] payload) {
            sent.add(payload);
            CompletableFuture<Void> f = new CompletableFuture<>();
            sends.add(f);
            return f;
        }

        @Override
        public int maxDatagramSize() {
            return 100;
        }

        @Override
        public void close(long code, String reason) {
        }

        @Override
        public void abort() {
        }

        @Override
        public CompletableFuture<StreamHandle> openStream(boolean bidirectional, long sendOrder, boolean waitUntilAvailable) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<net.webtransport.spi.QuicStats> stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<byte[]> exportKeyingMaterial(byte[] label, byte[] context, int length) {
            throw new UnsupportedOperationException();
        }
    }

    final FakeSession session = new FakeSession();
    final AtomicLong clock = new AtomicLong(1_000);
    final WebTransportDatagramDuplexStream datagrams =
            new WebTransportDatagramDuplexStream(new Object(), () -> false, session, CompletableFuture.completedFuture(null), clock::get, false);

    static byte[] b(int v) {
        return new byte[] {(byte) v};
    }

    @Test
    void pastIncomingMaxBufferedDatagramsTheOldestAreDroppedAndCounted() throws Exception {
        datagrams.incomingMaxBufferedDatagrams(2);
        for (int i = 0; i < 5; i++) {
            datagrams.onDatagram(b(i));
        }
        assertEquals(3, datagrams.droppedIncoming());
        ReadableStreamDefaultReader<byte[]> reader = datagrams.readable().getReader();
        assertArrayEquals(b(3), reader.read().get(5, TimeUnit.SECONDS).value());
        assertArrayEquals(b(4), reader.read().get(5, TimeUnit.SECONDS).value());
    }

    @Test
    void aDatagramOlderThanIncomingMaxAgeIsDroppedWhenRead() throws Exception {
        datagrams.incomingMaxAge(10.0);
        datagrams.onDatagram(b(1));
        clock.addAndGet(11);
        datagrams.onDatagram(b(2));
        assertArrayEquals(b(2), datagrams.readable().getReader().read().get(5, TimeUnit.SECONDS).value());
        assertEquals(1, datagrams.expiredIncoming());
    }

    @Test
    void aReadWaitingForADatagramGetsTheNextOne() throws Exception {
        CompletableFuture<net.webtransport.streams.ReadResult<byte[]>> read = datagrams.readable().getReader().read();
        assertFalse(read.isDone());
        datagrams.onDatagram(b(7));
        assertArrayEquals(b(7), read.get(5, TimeUnit.SECONDS).value());
    }

    @Test
    void aDatagramLargerThanMaxDatagramSizeIsDroppedAndItsWriteStillCompletes() throws Exception {
        WritableStreamDefaultWriter<byte[]> writer = datagrams.createWritable().getWriter();
        writer.write(new byte[101]).get(5, TimeUnit.SECONDS);
        assertTrue(session.sent.isEmpty());
        writer.write(new byte[100]).get(5, TimeUnit.SECONDS);
        assertEquals(1, session.sent.size());
    }

    @Test
    void aWriteWaitsWhileOutgoingMaxBufferedDatagramsWaitToBeSent() throws Exception {
        datagrams.outgoingMaxBufferedDatagrams(2);
        WritableStreamDefaultWriter<byte[]> writer = datagrams.createWritable().getWriter();
        writer.write(b(1)).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> second = writer.write(b(2));
        assertFalse(second.isDone(), "two datagrams wait to be sent: the queue is full");
        session.sends.get(0).complete(null);
        assertFalse(second.isDone(), "the second write waits for its own datagram to be sent");
        session.sends.get(1).complete(null);
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void ageSettersRefuseNegativeAndNanAndTreatZeroAsNoLimitAndBufferLimitsBelowOneAreOne() {
        assertThrows(RangeError.class, () -> datagrams.incomingMaxAge(-1.0));
        assertThrows(RangeError.class, () -> datagrams.outgoingMaxAge(Double.NaN));
        datagrams.incomingMaxAge(0.0);
        assertNull(datagrams.incomingMaxAge());
        datagrams.outgoingMaxBufferedDatagrams(0);
        assertEquals(1, datagrams.outgoingMaxBufferedDatagrams());
        datagrams.incomingMaxBufferedDatagrams(-5);
        assertEquals(1, datagrams.incomingMaxBufferedDatagrams());
    }

    @Test
    void theReadableClosesWhenTheSessionEnds() throws Exception {
        ReadableStreamDefaultReader<byte[]> reader = datagrams.readable().getReader();
        datagrams.onEnded(null);
        assertTrue(reader.read().get(5, TimeUnit.SECONDS).done());
    }

    @Test
    void aCleanCloseClosesEveryDatagramWritableSoLaterWritesFailWithATypeError() throws Exception {
        WritableStreamDefaultWriter<byte[]> writer = datagrams.createWritable().getWriter();
        writer.write(b(1)).get(5, TimeUnit.SECONDS);
        datagrams.onEnded(null);
        writer.closed().get(5, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> writer.write(b(2)).get(5, TimeUnit.SECONDS));
        assertInstanceOf(TypeError.class, e.getCause());
        assertEquals(1, session.sent.size(), "nothing was sent after the close");
    }

    @Test
    void aFailureErrorsEveryDatagramWritableWithTheTransportsError() {
        WritableStreamDefaultWriter<byte[]> writer = datagrams.createWritable().getWriter();
        WebTransportError failure = WebTransportError.session("the connection was lost");
        datagrams.onEnded(failure);
        ExecutionException e = assertThrows(ExecutionException.class, () -> writer.write(b(2)).get(5, TimeUnit.SECONDS));
        assertSame(failure, e.getCause());
        assertTrue(session.sent.isEmpty());
    }

    @Test
    void statsOfAPooledSessionShowOnlyThePathEstimates() {
        net.webtransport.spi.QuicStats quic = new net.webtransport.spi.QuicStats(10, 11, 1, 1000, 1100, 100, 2_500_000, 125_000);
        WebTransportConnectionStats pooled = StatsReport.of(quic, datagrams, true);
        assertNull(pooled.bytesSent());
        assertNull(pooled.packetsReceived());
        assertEquals(2.5, pooled.smoothedRtt());
        assertEquals(1_000_000L, pooled.estimatedSendRate(), "bits per second");
        WebTransportConnectionStats dedicated = StatsReport.of(quic, datagrams, false);
        assertEquals(1000L, dedicated.bytesSent());
        assertEquals(1L, dedicated.packetsLost());
        assertNull(dedicated.minRtt());
    }

    WebTransportDatagramDuplexStream bytesDatagrams() {
        return new WebTransportDatagramDuplexStream(new Object(), () -> false, session, CompletableFuture.completedFuture(null), clock::get, true);
    }

    @Test
    void withReadableTypeBytesEachByobReadTakesOneWholeDatagram() throws Exception {
        WebTransportDatagramDuplexStream bytes = bytesDatagrams();
        bytes.onDatagram(new byte[] {1, 2, 3});
        bytes.onDatagram(new byte[] {4, 5});
        ReadableStreamBYOBReader reader = assertInstanceOf(ReadableByteStream.class, bytes.readable()).getBYOBReader();
        ByteBuffer first = reader.read(ByteBuffer.allocate(65536)).get(5, TimeUnit.SECONDS).value();
        assertEquals(3, first.remaining(), "one datagram, not merged with the next");
        ByteBuffer second = reader.read(ByteBuffer.allocate(65536)).get(5, TimeUnit.SECONDS).value();
        assertEquals(ByteBuffer.wrap(new byte[] {4, 5}), second);
    }

    @Test
    void aByobViewSmallerThanTheDatagramErrorsTheReadableWithRangeError() throws Exception {
        WebTransportDatagramDuplexStream bytes = bytesDatagrams();
        bytes.onDatagram(new byte[10]);
        bytes.onDatagram(new byte[1]);
        ReadableStreamBYOBReader reader = ((ReadableByteStream) bytes.readable()).getBYOBReader();
        Throwable e = assertThrows(ExecutionException.class, () -> reader.read(ByteBuffer.allocate(4)).get(5, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(RangeError.class, e);
        Throwable after = assertThrows(ExecutionException.class, () -> reader.read(ByteBuffer.allocate(64)).get(5, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(RangeError.class, after, "the readable is errored");
        assertInstanceOf(RangeError.class, assertThrows(ExecutionException.class, () -> reader.closed().get(5, TimeUnit.SECONDS)).getCause());
    }

    @Test
    void withoutReadableTypeBytesTheReadableIsNotAByteStream() {
        assertFalse(datagrams.readable() instanceof ReadableByteStream);
    }
}
