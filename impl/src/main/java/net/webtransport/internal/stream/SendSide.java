package net.webtransport.internal.stream;

import java.util.ArrayDeque;

/**
 * The sending half of one stream: bytes the application wrote that QUIC has not taken yet, in a
 * buffer bounded by a high-water mark, plus the writes that wait for room in it. A write is
 * <em>accepted</em> when its bytes enter the buffer: that is when the application's write completes,
 * so an application that awaits its writes holds at most the high-water mark (plus one write) per
 * stream. The binding takes bytes out as QUIC has room, in the order a {@link SendScheduler} picks.
 *
 * <p>Writes are accepted in the order they were made, so the binding keeps its own queue of write
 * completions and settles the oldest ones as {@link #writesAccepted()} grows. Not thread-safe: the
 * connection's thread only.
 */
public final class SendSide {

    private final long highWaterMark;
    private final ArrayDeque<Chunk> buffered = new ArrayDeque<>();
    private long bufferedBytes;
    private final ArrayDeque<Chunk> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean finRequested;
    private boolean finSent;
    private boolean aborted;
    /** The stream length a requested reset keeps (the reliable size), or -1 while none was asked for. */
    private long resetAt = -1;
    private long bytesWritten;
    private long writes;
    private long writesAccepted;
    private long bytesSent;

    public SendSide(long highWaterMark) {
        if (highWaterMark < 1) {
            throw new IllegalArgumentException("the high-water mark must be positive");
        }
        this.highWaterMark = highWaterMark;
    }

    /** Whether {@link #write} and {@link #finish} may still be called. */
    public boolean isOpen() {
        return !finRequested && !aborted && resetAt < 0;
    }

    /**
     * Queues {@code data}. Returns true if it was accepted at once (the buffer had room); otherwise
     * it waits until {@link #take} makes room, or {@link #abort} drops it.
     *
     * @throws IllegalStateException if the side is finished or aborted
     */
    public boolean write(Chunk data) {
        if (!isOpen()) {
            data.release();
            throw new IllegalStateException(aborted || resetAt >= 0 ? "the stream was aborted" : "the stream is finished");
        }
        bytesWritten += data.length();
        writes++;
        if (waiting.isEmpty() && bufferedBytes < highWaterMark) {
            enter(data);
            writesAccepted++;
            return true;
        }
        waiting.add(data);
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
     * has room for more calls again), and admits waiting writes into the room that made (see
     * {@link #writesAccepted()}). With {@code keepLastByte} the final buffered byte stays behind
     * (the Netty binding needs one for the FIN: quiche may lose a FIN sent alone). Returns null if
     * nothing may be taken.
     */
    public Chunk take(int max, boolean keepLastByte) {
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
        admitWaiting();
        return out;
    }

    private void admitWaiting() {
        while (!waiting.isEmpty() && bufferedBytes < highWaterMark) {
            Chunk w = waiting.poll();
            waitingBytes -= w.length();
            enter(w);
            writesAccepted++;
        }
    }

    /** How many writes entered the buffer so far, counting from the first write. */
    public long writesAccepted() {
        return writesAccepted;
    }

    /** Whether the application asked for the FIN. */
    public boolean finRequested() {
        return finRequested;
    }

    /** Whether {@link #take} would hand out bytes with this {@code keepLastByte}. */
    public boolean hasSendable(boolean keepLastByte) {
        return !aborted && bufferedBytes > (keepLastByte && waiting.isEmpty() ? 1 : 0);
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
     * Ends the side without FIN (reset locally, stopped by the peer, session gone): buffered and
     * waiting bytes are dropped. Returns how many writes were never accepted (the newest ones), for
     * the binding to fail; 0 if the side was over already.
     */
    public int abort() {
        if (aborted) {
            return 0;
        }
        aborted = true;
        Chunk c;
        while ((c = buffered.poll()) != null) {
            c.release();
        }
        bufferedBytes = 0;
        int never = waiting.size();
        Chunk w;
        while ((w = waiting.poll()) != null) {
            w.release();
        }
        waitingBytes = 0;
        return never;
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * Ends writing without FIN but keeps the stream's first {@code reliableSize} bytes for QUIC (a
     * reset "at" that size, the W3C committed offset): buffered bytes past it and every write still
     * waiting are dropped, and {@link #resetDue()} says when the kept bytes have all been taken.
     * Bytes already taken stay taken, so a size below {@link #bytesSent()} keeps none. Returns how
     * many writes were never accepted, for the binding to fail.
     */
    public int resetAfter(long reliableSize) {
        if (aborted || resetAt >= 0) {
            return 0;
        }
        resetAt = Math.max(bytesSent, Math.min(reliableSize, bytesSent + bufferedBytes));
        long keep = resetAt - bytesSent;
        ArrayDeque<Chunk> kept = new ArrayDeque<>();
        Chunk c;
        while ((c = buffered.poll()) != null) {
            if (keep >= c.length()) {
                keep -= c.length();
                kept.add(c);
            } else {
                if (keep > 0) {
                    kept.add(c.splitFirst((int) keep));
                    keep = 0;
                }
                c.release();
            }
        }
        buffered.addAll(kept);
        bufferedBytes = resetAt - bytesSent;
        int never = waiting.size();
        while ((c = waiting.poll()) != null) {
            c.release();
        }
        waitingBytes = 0;
        return never;
    }

    /** Whether a reset was asked for with {@link #resetAfter}. */
    public boolean resetRequested() {
        return resetAt >= 0;
    }

    /** Whether the reset asked for with {@link #resetAfter} may go now: every byte it keeps was taken. */
    public boolean resetDue() {
        return resetAt >= 0 && !aborted && bufferedBytes == 0;
    }

    /** Bytes written and not yet taken, accepted or waiting: what stands ahead of the next write. */
    public long queuedBytes() {
        return bufferedBytes + waitingBytes;
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
