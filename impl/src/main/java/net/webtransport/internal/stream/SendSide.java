package net.webtransport.internal.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending half of one stream: bytes the application wrote that QUIC has not taken yet, in a
 * buffer bounded by a high-water mark, plus the writes that wait for room in it. A write is
 * <em>accepted</em> when its bytes enter the buffer: that is when the application's write completes,
 * so an application that awaits its writes holds at most the high-water mark (plus one write) per
 * stream. The binding takes bytes out as QUIC has room, in the order a {@link SendScheduler} picks.
 *
 * <p>{@code T} is the binding's token for a write (what it completes on acceptance). Not
 * thread-safe: the connection's thread only.
 *
 * @param <T> the token of a write waiting for acceptance
 */
public final class SendSide<T> {

    private record Waiting<T>(Chunk data, T token) {
    }

    private final long highWaterMark;
    private final ArrayDeque<Chunk> buffered = new ArrayDeque<>();
    private long bufferedBytes;
    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean finRequested;
    private boolean finSent;
    private boolean aborted;
    private long bytesWritten;
    private long bytesSent;

    public SendSide(long highWaterMark) {
        if (highWaterMark < 1) {
            throw new IllegalArgumentException("the high-water mark must be positive");
        }
        this.highWaterMark = highWaterMark;
    }

    /** Whether {@link #write} and {@link #finish} may still be called. */
    public boolean isOpen() {
        return !finRequested && !aborted;
    }

    /**
     * Queues {@code data}. Returns true if it was accepted at once (the buffer had room); otherwise
     * it waits, and {@code token} comes back from {@link #take} once it is accepted, or from
     * {@link #abort} if it never is.
     *
     * @throws IllegalStateException if the side is finished or aborted
     */
    public boolean write(Chunk data, T token) {
        if (!isOpen()) {
            data.release();
            throw new IllegalStateException(aborted ? "the stream was aborted" : "the stream is finished");
        }
        bytesWritten += data.length();
        if (waiting.isEmpty() && bufferedBytes < highWaterMark) {
            enter(data);
            return true;
        }
        waiting.add(new Waiting<>(data, token));
        waitingBytes += data.length();
        return false;
    }

    /** Asks for FIN after everything written so far. */
    public void finish() {
        if (!isOpen()) {
            throw new IllegalStateException(aborted ? "the stream was aborted" : "the stream is finished");
        }
        finRequested = true;
    }

    private void enter(Chunk data) {
        if (data.length() == 0) {
            data.release();
            return;
        }
        buffered.add(data);
        bufferedBytes += data.length();
    }

    /**
     * Takes up to {@code max} bytes for QUIC from the oldest buffered write (one chunk: a caller that
     * has room for more calls again), and admits waiting writes into the room that made (their tokens
     * are added to {@code accepted}). With {@code keepLastByte} the final buffered byte stays behind
     * (the Netty binding needs one for the FIN: quiche may lose a FIN sent alone). Returns null if
     * nothing may be taken.
     */
    public Chunk take(int max, boolean keepLastByte, List<T> accepted) {
        Chunk head = buffered.peek();
        if (head == null || max <= 0 || aborted) {
            return null;
        }
        int n = Math.min(max, head.length());
        if (keepLastByte && buffered.size() == 1 && waiting.isEmpty() && n == head.length()) {
            n--; // the last buffered byte
        }
        if (n <= 0) {
            return null;
        }
        Chunk out = n == head.length() ? buffered.poll() : head.splitFirst(n);
        bufferedBytes -= n;
        bytesSent += n;
        admitWaiting(accepted);
        return out;
    }

    private void admitWaiting(List<T> accepted) {
        while (!waiting.isEmpty() && bufferedBytes < highWaterMark) {
            Waiting<T> w = waiting.poll();
            waitingBytes -= w.data().length();
            enter(w.data());
            accepted.add(w.token());
        }
    }

    /** Whether bytes wait to be taken (a held-back last byte counts). */
    public boolean hasBufferedBytes() {
        return bufferedBytes > 0;
    }

    /** Whether the FIN is due now: it was asked for and every byte before it was taken. */
    public boolean finDue() {
        return finRequested && !finSent && !aborted && bufferedBytes == 0 && waiting.isEmpty();
    }

    /** The FIN was handed to QUIC. */
    public void onFinSent() {
        finSent = true;
    }

    public boolean finSent() {
        return finSent;
    }

    /** Whether the side has nothing left to do: FIN sent or aborted. */
    public boolean isOver() {
        return finSent || aborted;
    }

    /**
     * Ends the side without FIN (reset locally, stopped by the peer, session gone): buffered bytes are
     * dropped; returns the tokens of writes never accepted, for the binding to fail. Empty if the side
     * was over already.
     */
    public List<T> abort() {
        if (aborted) {
            return List.of();
        }
        aborted = true;
        Chunk c;
        while ((c = buffered.poll()) != null) {
            c.release();
        }
        bufferedBytes = 0;
        List<T> never = new ArrayList<>(waiting.size());
        Waiting<T> w;
        while ((w = waiting.poll()) != null) {
            w.data().release();
            never.add(w.token());
        }
        waitingBytes = 0;
        return never;
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * How many more bytes the buffer takes before writes wait (the W3C {@code desiredSize}); negative
     * when writes are waiting beyond it.
     */
    public long desiredSize() {
        return highWaterMark - bufferedBytes - waitingBytes;
    }

    public long highWaterMark() {
        return highWaterMark;
    }

    /** Bytes the application wrote, accepted or waiting. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Bytes handed to QUIC. */
    public long bytesSent() {
        return bytesSent;
    }
}
