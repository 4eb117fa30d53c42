package net.webtransport.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendSideTest {
    final SendSide side = new SendSide(1000);

    @Test
    void aWriteIsAcceptedAtOnceWhileTheBufferIsBelowItsHighWaterMark() {
        assertTrue(side.write(HeapChunk.of(600)));
        assertTrue(side.write(HeapChunk.of(600)), "admitted: the buffer held 600 < 1000 before it");
        assertFalse(side.write(HeapChunk.of(10)), "the buffer holds 1200 now: the write waits");
        assertEquals(1000 - 1210, side.desiredSize());
    }

    @Test
    void aWaitingWriteIsAcceptedOnceQuicTookEnoughBytes() {
        side.write(HeapChunk.of(1000));
        assertFalse(side.write(HeapChunk.of(100)));
        assertEquals(400, side.take(400, false).length());
        assertEquals(2, side.writesAccepted(), "600 buffered < 1000: the waiting write entered the buffer");
        assertEquals(1000 - 700, side.desiredSize());
        assertEquals(1100, side.bytesWritten());
        assertEquals(400, side.bytesSent());
    }

    @Test
    void aTakeNeverCrossesAWriteSoEachChunkIsOneBuffer() {
        side.write(HeapChunk.of(100));
        side.write(HeapChunk.of(100));
        assertEquals(100, side.take(150, false).length());
        assertEquals(100, side.take(150, false).length());
        assertNull(side.take(150, false));
    }

    @Test
    void theLastByteStaysBehindUntilMoreDataOrTheFin() {
        side.write(HeapChunk.of(100));
        assertEquals(99, side.take(1000, true).length());
        assertNull(side.take(1000, true), "only the held-back byte is left");
        assertTrue(side.hasBufferedBytes());
        side.finish();
        assertFalse(side.finDue(), "the FIN must travel with the last byte");
        assertEquals(1, side.take(1000, false).length());
        assertTrue(side.finDue());
    }

    @Test
    void theFinIsDueOnlyAfterEveryWrittenByteWasTaken() {
        side.write(HeapChunk.of(1000));
        side.write(HeapChunk.of(10));
        side.finish();
        side.take(1000, false);
        assertFalse(side.finDue(), "the waiting write is still to go");
        side.take(1000, false);
        assertTrue(side.finDue());
        side.onFinSent();
        assertFalse(side.finDue());
        assertTrue(side.isOver());
    }

    @Test
    void abortDropsEveryByteAndReturnsTheWritesNeverAccepted() {
        HeapChunk kept = HeapChunk.of(1000);
        HeapChunk waiting = HeapChunk.of(5);
        side.write(kept);
        side.write(waiting);
        assertEquals(1, side.abort(), "one write was never accepted");
        assertTrue(kept.released && waiting.released);
        assertEquals(0, side.abort(), "a second abort has nothing left to report");
        assertNull(side.take(1000, false));
        assertFalse(side.finDue());
    }

    @Test
    void writingAfterTheFinOrAnAbortIsRefusedAndTheBytesReleased() {
        side.finish();
        HeapChunk late = HeapChunk.of(3);
        assertThrows(IllegalStateException.class, () -> side.write(late));
        assertTrue(late.released);
        SendSide aborted = new SendSide(10);
        aborted.abort();
        assertThrows(IllegalStateException.class, aborted::finish);
    }

    @Test
    void aResetAfterACommittedOffsetKeepsTheBytesBeforeItAndDropsTheRest() {
        side.write(HeapChunk.of(600));
        side.write(HeapChunk.of(600));
        assertFalse(side.write(HeapChunk.of(50)), "waits for room");
        side.take(100, false);
        assertEquals(1, side.resetAfter(700), "the waiting write was never accepted");
        assertFalse(side.isOpen());
        assertFalse(side.resetDue(), "600 committed bytes are still to go");
        assertEquals(500, side.take(1000, false).length());
        assertFalse(side.resetDue());
        assertEquals(100, side.take(1000, false).length(), "the second write is cut at the committed offset");
        assertNull(side.take(1000, false));
        assertTrue(side.resetDue());
        assertEquals(700, side.bytesSent());
    }

    @Test
    void aResetAfterAnOffsetAlreadySentIsDueAtOnce() {
        side.write(HeapChunk.of(300));
        side.take(200, false);
        side.resetAfter(100);
        assertTrue(side.resetDue(), "nothing past the 200 bytes already sent is kept");
        assertNull(side.take(1000, false));
    }
}
