package net.webtransport.internal.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiving half of one stream: the bytes that left QUIC and wait for the application, the FIN,
 * a reset by the peer, and whether reading from QUIC is paused. Every byte held here is charged to
 * the connection's {@link ReceiveBudget} until it is read or dropped. Not thread-safe: the
 * connection's thread only.
 */
public final class ReceiveSide {
    /** What a read hands out at most: more piled up is served by the next read. */
    public static final int MAX_READ_BYTES = 1 << 20;

    /** Why the side ended before its FIN was read, if it did. */
    public enum Abort { NONE, RESET_BY_PEER, STOPPED_LOCALLY, DISCARDED }

    /** One read's worth: chunks the caller now owns, their total, and whether the FIN follows them. */
    public record Read(List<Chunk> chunks, int length, boolean fin) {
        public static final Read END = new Read(List.of(), 0, true);
    }

    private final long streamId;
    private final ReceiveBudget budget;
    private final long pauseAt;
    private final long resumeAt;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long buffered;
    private boolean finReceived;
    private boolean finRead;
    private Abort abort = Abort.NONE;
    private long resetCode;
    private boolean paused;
    private long bytesReceived;
    private long bytesRead;

    /**
     * @param pauseAt what this stream alone may hold before it stops reading from QUIC; it reads again
     *                below a quarter of that (and while the budget allows)
     */
    public ReceiveSide(long streamId, ReceiveBudget budget, long pauseAt) {
        this.streamId = streamId;
        this.budget = budget;
        this.pauseAt = pauseAt;
        this.resumeAt = pauseAt / 4;
    }

    public long streamId() {
        return streamId;
    }

    /**
     * Bytes arrived from QUIC. Returns true if reading from QUIC must pause now, because this stream
     * or the connection's budget holds too much; the side is then {@link #paused()} until
     * {@link #mayResume()} says otherwise. Data for a side that ended is released at once.
     */
    public boolean onData(Chunk data) {
        if (finReceived || abort != Abort.NONE || data.length() == 0) {
            data.release();
            return false;
        }
        chunks.add(data);
        return account(data.length());
    }

    /**
     * Whether {@code chunk} is still the newest chunk held here, neither read nor dropped, on a side
     * still receiving: the binding may then append bytes to it ({@link #onAppended}) instead of
     * adding a chunk.
     */
    public boolean holdsLast(Chunk chunk) {
        return abort == Abort.NONE && !finReceived && chunks.peekLast() == chunk;
    }

    /**
     * {@code n} bytes arrived and the binding appended them to the newest chunk (see
     * {@link #holdsLast}); they count as {@link #onData} counts them, with the same answer.
     */
    public boolean onAppended(int n) {
        return account(n);
    }

    private boolean account(int n) {
        buffered += n;
        bytesReceived += n;
        budget.charge(n);
        if (!paused && (buffered > pauseAt || budget.exhausted())) {
            paused = true;
            if (budget.exhausted()) {
                budget.park(this);
            }
            return true;
        }
        return false;
    }

    /** The peer's FIN arrived: no more data will. */
    public void onFin() {
        if (abort == Abort.NONE) {
            finReceived = true;
        }
    }

    /** The peer reset the stream with an HTTP/3 code: buffered data is dropped. */
    public void onReset(long http3Code) {
        if (finRead || abort != Abort.NONE) {
            return;
        }
        abort = Abort.RESET_BY_PEER;
        resetCode = http3Code;
        dropBuffered();
    }

    /**
     * The application stopped reading (STOP_SENDING goes to the peer) or the stream was discarded
     * (its session or connection ended): buffered data is dropped. Returns false if the side was over
     * already.
     */
    public boolean abandon(boolean stoppedLocally) {
        if (finRead || abort != Abort.NONE) {
            dropBuffered();
            return false;
        }
        abort = stoppedLocally ? Abort.STOPPED_LOCALLY : Abort.DISCARDED;
        dropBuffered();
        return true;
    }

    /**
     * Takes the next read: up to {@link #MAX_READ_BYTES} of buffered data (at least one chunk), with
     * the FIN if nothing is left behind it, or {@link Read#END} once the FIN was read. Returns null
     * when there is nothing to hand out yet, and also when the side was aborted (see {@link #abort()}).
     */
    public Read take() {
        if (abort != Abort.NONE) {
            return null;
        }
        if (chunks.isEmpty()) {
            if (finReceived) {
                finRead = true;
                return Read.END;
            }
            return null;
        }
        Read read = pollChunks();
        markRead(read.length());
        boolean fin = finReceived && chunks.isEmpty();
        finRead = fin;
        return fin ? new Read(read.chunks(), read.length(), true) : read;
    }

    /**
     * Takes the next read out ahead of the application's call for it, so that the call can be served
     * without waiting for this side's thread: the chunks leave, but their bytes stay charged here and
     * to the budget (they still count as buffered) until {@link #onAheadRead} says the application
     * has them, or the side ends and drops them. Never carries the FIN: returns null once the FIN
     * arrived, when the side ended, or when nothing is buffered.
     */
    public Read takeAhead() {
        if (abort != Abort.NONE || finReceived || chunks.isEmpty()) {
            return null;
        }
        return pollChunks();
    }

    /**
     * The application has the {@code length} bytes of a read taken with {@link #takeAhead}: they are
     * read, and no longer charged. Nothing happens if the side ended meanwhile, which credited them
     * already.
     */
    public void onAheadRead(int length) {
        if (abort == Abort.NONE) {
            markRead(length);
        }
    }

    /**
     * Hands out a read taken with {@link #takeAhead} now that a read asks for it on this side's
     * thread: its bytes are read, and it carries the FIN if that arrived meanwhile with nothing
     * behind the read.
     */
    public Read serveAhead(Read early) {
        onAheadRead(early.length());
        if (abort == Abort.NONE && finReceived && chunks.isEmpty()) {
            finRead = true;
            return new Read(early.chunks(), early.length(), true);
        }
        return early;
    }

    private void markRead(int length) {
        buffered -= length;
        bytesRead += length;
        budget.credit(length);
    }

    private Read pollChunks() {
        List<Chunk> out = new ArrayList<>();
        int total = 0;
        do {
            Chunk next = chunks.poll();
            out.add(next);
            total += next.length();
        } while (!chunks.isEmpty() && total + chunks.peek().length() <= MAX_READ_BYTES);
        return new Read(out, total, false);
    }

    /**
     * Whether a paused side may read from QUIC again: it drained below its resume mark and the
     * budget allows. A side the budget holds back parks there and is offered again by
     * {@link ReceiveBudget#resumable()}. Clears {@link #paused()} when it answers true.
     */
    public boolean mayResume() {
        if (!paused || buffered >= resumeAt) {
            return false;
        }
        if (budget.exhausted()) {
            budget.park(this);
            return false;
        }
        paused = false;
        return true;
    }

    /** Drops what is buffered, bytes taken ahead included (their owner releases their chunks). */
    private void dropBuffered() {
        Chunk c;
        while ((c = chunks.poll()) != null) {
            c.release();
        }
        budget.credit(buffered);
        budget.unpark(this);
        buffered = 0;
    }

    public boolean paused() {
        return paused;
    }

    /** Whether the FIN arrived (it may still wait behind unread data). */
    public boolean finReceived() {
        return finReceived;
    }

    /** Whether nothing more will ever be handed out: the FIN was read or the side was aborted. */
    public boolean isOver() {
        return finRead || abort != Abort.NONE;
    }

    public Abort abort() {
        return abort;
    }

    /** The peer's reset code (HTTP/3 range) when {@link #abort()} is RESET_BY_PEER. */
    public long resetCode() {
        return resetCode;
    }

    public boolean hasData() {
        return !chunks.isEmpty();
    }

    /** Whether {@link #take} would settle a read now: with data, the END, or the reason it failed. */
    public boolean wouldServe() {
        return !chunks.isEmpty() || finReceived || abort != Abort.NONE;
    }

    public long bufferedBytes() {
        return buffered;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long bytesRead() {
        return bytesRead;
    }
}
