package net.webtransport.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiveSideTest {
    final ReceiveBudget budget = new ReceiveBudget(10_000);

    @Test
    void unreadBytesCountAgainstTheBudgetEvenAfterTheFin() {
        ReceiveSide side = new ReceiveSide(2, budget, 100_000);
        side.onData(HeapChunk.of(3000));
        side.onFin();
        assertEquals(3000, budget.held(), "a finished stream nobody read still holds its bytes");
        ReceiveSide.Read read = side.take();
        assertEquals(3000, read.length());
        assertTrue(read.fin(), "the FIN travels with the last bytes");
        assertEquals(0, budget.held());
        assertSame(ReceiveSide.Read.END, side.take());
        assertTrue(side.isOver());
    }

    @Test
    void bytesTakenAheadOfAReadStayChargedUntilTheApplicationHasThem() {
        ReceiveSide side = new ReceiveSide(2, budget, 100_000);
        side.onData(HeapChunk.of(3000));
        ReceiveSide.Read ahead = side.takeAhead();
        assertEquals(3000, ahead.length());
        assertFalse(ahead.fin());
        assertEquals(3000, budget.held(), "taken out ahead, not yet read: still charged");
        assertEquals(3000, side.bufferedBytes());
        assertEquals(0, side.bytesRead());
        side.onAheadRead(3000);
        assertEquals(0, budget.held());
        assertEquals(3000, side.bytesRead());
    }

    @Test
    void aReadTakenAheadNeverCarriesTheFinButGetsItWhenServedAfterTheFinCame() {
        ReceiveSide side = new ReceiveSide(2, budget, 100_000);
        side.onData(HeapChunk.of(100));
        ReceiveSide.Read ahead = side.takeAhead();
        side.onFin();
        assertNull(side.takeAhead(), "nothing is taken ahead once the FIN arrived");
        ReceiveSide.Read served = side.serveAhead(ahead);
        assertTrue(served.fin(), "the FIN joins the last bytes");
        assertTrue(side.isOver());
        assertEquals(0, budget.held());
    }

    @Test
    void aResetCreditsBytesTakenAheadOnceEvenIfTheApplicationTakesThemLater() {
        ReceiveSide side = new ReceiveSide(2, budget, 100_000);
        side.onData(HeapChunk.of(700));
        ReceiveSide.Read ahead = side.takeAhead();
        side.onReset(0x52e4a40fa8dbL);
        assertEquals(0, budget.held(), "the reset gave the bytes taken ahead back too");
        side.onAheadRead(ahead.length());
        assertEquals(0, budget.held(), "and they are not credited a second time");
        assertEquals(0, side.bufferedBytes());
    }

    @Test
    void bytesAppendedToTheNewestChunkCountAsArrivingBytesAndOnlyWhileItIsStillHeld() {
        ReceiveSide side = new ReceiveSide(2, budget, 1000);
        HeapChunk first = HeapChunk.of(600);
        side.onData(first);
        assertTrue(side.holdsLast(first));
        assertTrue(side.onAppended(500), "1100 > 1000: appended bytes pause the stream as arriving ones do");
        assertEquals(1100, side.bufferedBytes());
        assertEquals(1100, budget.held());
        assertEquals(1100, side.bytesReceived());
        side.take();
        assertFalse(side.holdsLast(first), "once read, a chunk takes no more bytes");
        HeapChunk second = HeapChunk.of(10);
        side.onData(second);
        side.onFin();
        assertFalse(side.holdsLast(second), "nor after the FIN");
    }

    @Test
    void aStreamHoldingMoreThanItsMarkPausesAndResumesBelowAQuarterOfIt() {
        ReceiveSide side = new ReceiveSide(2, budget, 4000);
        assertFalse(side.onData(HeapChunk.of(4000)));
        assertTrue(side.onData(HeapChunk.of(1)), "past 4000 bytes the stream stops reading");
        assertFalse(side.mayResume(), "still full");
        side.take();
        assertTrue(side.mayResume());
        assertFalse(side.paused());
    }

    @Test
    void anExhaustedBudgetParksEveryReceivingStreamUntilReadersDrainItBelowHalf() {
        ReceiveSide a = new ReceiveSide(2, budget, 100_000);
        ReceiveSide b = new ReceiveSide(6, budget, 100_000);
        assertFalse(a.onData(HeapChunk.of(9000)));
        assertTrue(b.onData(HeapChunk.of(2000)), "11000 > 10000: b stops reading");
        assertEquals(List.of(), budget.resumable());
        a.take();
        assertEquals(List.of(b), budget.resumable(), "2000 < 5000: b may read again");
        assertTrue(b.mayResume());
    }

    @Test
    void aResetDropsWhatWasBufferedAndGivesItBackToTheBudget() {
        ReceiveSide side = new ReceiveSide(2, budget, 100_000);
        HeapChunk chunk = HeapChunk.of(500);
        side.onData(chunk);
        side.onReset(0x52e4a40fa8dbL);
        assertTrue(chunk.released);
        assertEquals(0, budget.held());
        assertNull(side.take());
        assertEquals(ReceiveSide.Abort.RESET_BY_PEER, side.abort());
        assertEquals(0x52e4a40fa8dbL, side.resetCode());
        HeapChunk late = HeapChunk.of(5);
        side.onData(late);
        assertTrue(late.released, "data after the reset is dropped at once");
    }

    @Test
    void aResetAfterTheFinWasReadChangesNothing() {
        ReceiveSide side = new ReceiveSide(2, budget, 100_000);
        side.onFin();
        side.take();
        side.onReset(7);
        assertEquals(ReceiveSide.Abort.NONE, side.abort());
    }

    @Test
    void aReadHandsOutAtMostAMebibyteAndLeavesTheRestForTheNext() {
        ReceiveSide side = new ReceiveSide(2, new ReceiveBudget(10 << 20), 10 << 20);
        for (int i = 0; i < 3; i++) {
            side.onData(HeapChunk.of(600 << 10));
        }
        side.onFin();
        ReceiveSide.Read first = side.take();
        assertEquals(600 << 10, first.length(), "two chunks would pass 1 MiB");
        assertFalse(first.fin());
        assertEquals(600 << 10, side.take().length());
        ReceiveSide.Read last = side.take();
        assertEquals(600 << 10, last.length());
        assertTrue(last.fin());
    }
}
