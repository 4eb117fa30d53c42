package net.webtransport.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendSideTest {
    final SendSide<String> side = new SendSide<>(1000);
    final List<String> accepted = new ArrayList<>();

    @Test
    void aWriteIsAcceptedAtOnceWhileTheBufferIsBelowItsHighWaterMark() {
        assertTrue(side.write(HeapChunk.of(600), "a"));
        assertTrue(side.write(HeapChunk.of(600), "b"), "admitted: the buffer held 600 < 1000 before it");
        assertFalse(side.write(HeapChunk.of(10), "c"), "the buffer holds 1200 now: the write waits");
        assertEquals(1000 - 1210, side.desiredSize());
    }

    @Test
    void aWaitingWriteIsAcceptedOnceQuicTookEnoughBytes() {
        side.write(HeapChunk.of(1000), "a");
        assertFalse(side.write(HeapChunk.of(100), "b"));
        assertEquals(400, side.take(400, false, accepted).length());
        assertEquals(List.of("b"), accepted, "600 buffered < 1000: the waiting write entered the buffer");
        assertEquals(1000 - 700, side.desiredSize());
        assertEquals(1100, side.bytesWritten());
        assertEquals(400, side.bytesSent());
    }

    @Test
    void aTakeNeverCrossesAWriteSoEachChunkIsOneBuffer() {
        side.write(HeapChunk.of(100), "a");
        side.write(HeapChunk.of(100), "b");
        assertEquals(100, side.take(150, false, accepted).length());
        assertEquals(100, side.take(150, false, accepted).length());
        assertNull(side.take(150, false, accepted));
    }

    @Test
    void theLastByteStaysBehindUntilMoreDataOrTheFin() {
        side.write(HeapChunk.of(100), "a");
        assertEquals(99, side.take(1000, true, accepted).length());
        assertNull(side.take(1000, true, accepted), "only the held-back byte is left");
        assertTrue(side.hasBufferedBytes());
        side.finish();
        assertFalse(side.finDue(), "the FIN must travel with the last byte");
        assertEquals(1, side.take(1000, false, accepted).length());
        assertTrue(side.finDue());
    }

    @Test
    void theFinIsDueOnlyAfterEveryWrittenByteWasTaken() {
        side.write(HeapChunk.of(1000), "a");
        side.write(HeapChunk.of(10), "b");
        side.finish();
        side.take(1000, false, accepted);
        assertFalse(side.finDue(), "the waiting write is still to go");
        side.take(1000, false, accepted);
        assertTrue(side.finDue());
        side.onFinSent();
        assertFalse(side.finDue());
        assertTrue(side.isOver());
    }

    @Test
    void abortDropsEveryByteAndReturnsTheWritesNeverAccepted() {
        HeapChunk kept = HeapChunk.of(1000);
        HeapChunk waiting = HeapChunk.of(5);
        side.write(kept, "a");
        side.write(waiting, "b");
        assertEquals(List.of("b"), side.abort());
        assertTrue(kept.released && waiting.released);
        assertEquals(List.of(), side.abort(), "a second abort has nothing left to report");
        assertNull(side.take(1000, false, accepted));
        assertFalse(side.finDue());
    }

    @Test
    void writingAfterTheFinOrAnAbortIsRefusedAndTheBytesReleased() {
        side.finish();
        HeapChunk late = HeapChunk.of(3);
        assertThrows(IllegalStateException.class, () -> side.write(late, "x"));
        assertTrue(late.released);
        SendSide<String> aborted = new SendSide<>(10);
        aborted.abort();
        assertThrows(IllegalStateException.class, aborted::finish);
    }
}
