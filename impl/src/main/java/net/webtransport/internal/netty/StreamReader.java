package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.webtransport.internal.stream.Chunk;
import net.webtransport.internal.stream.ReceiveSide;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.ReadResult;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.StreamResetException;

/**
 * The application's end of a stream's receive side. The bytes, the FIN and the reset live in the
 * stream layer's {@link ReceiveSide}; this class serves reads from it on the event loop and
 * completes them on the executor, where the bytes are copied out of Netty's buffers (so the copy does
 * not load the event loop). Nothing here holds a lock while user code runs.
 */
final class StreamReader implements ReceiveStream {
    /** The shortest gap between two hand-offs of data to a reader that is keeping up. */
    static final long READ_COALESCE_NANOS = 200_000;
    /** Reads smaller than this are collected into buffers of this size (see {@link #keep}). */
    static final int ACCUMULATOR_BYTES = 8 << 10;

    private final NettyStream stream;
    private final ReceiveSide side;
    private final AtomicBoolean readOutstanding = new AtomicBoolean();
    private volatile long bytesRead;
    /** What the receive side took in, for readers on other threads. */
    private volatile long bytesReceived;
    /** The read waiting for data, set by the reader's thread and taken by the event loop. */
    private final AtomicReference<CompletableFuture<ReadResult>> pending = new AtomicReference<>();
    /**
     * Written by the event loop: whether a read would be settled at once. A reader that finds it
     * false leaves its read in {@link #pending} without a hop to the event loop, which serves it
     * when data comes; both sides write their flag before reading the other's, so one of them
     * always sees the other.
     */
    private volatile boolean deliverable;
    /**
     * A read the event loop took out ahead ({@link ReceiveSide#takeAhead}) for a reader that keeps
     * reading, so that its next call is served at once instead of by a trip to the event loop and back;
     * its bytes stay charged to the budget until that call takes them. Older than anything still in
     * the side, so whoever serves a read takes it first.
     */
    private final AtomicReference<ReceiveSide.Read> ahead = new AtomicReference<>();
    /** Whether the application ever read: only then are reads taken out ahead. */
    private volatile boolean reading;

    // Event loop only.
    /** The buffer collecting this stream's small reads, while it is the newest chunk the side holds. */
    private BufChunk accumulating;
    private long lastServedNanos;
    private ScheduledFuture<?> deferredServe;
    private boolean serveQueued;

    StreamReader(NettyStream stream, ReceiveSide side) {
        this.stream = stream;
        this.side = side;
    }

    @Override
    public long id() {
        return stream.id();
    }

    @Override
    public CompletableFuture<ReadResult> read() {
        if (!readOutstanding.compareAndSet(false, true)) {
            throw new IllegalStateException("a read is already pending on stream " + id());
        }
        CompletableFuture<ReadResult> read = new CompletableFuture<>();
        ReceiveSide.Read early = ahead.getAndSet(null);
        if (early != null) {
            if (stream.connection().mayCompleteInLine()) {
                settle(read, early);
            } else {
                stream.connection().deliver(() -> settle(read, early), () -> early.chunks().forEach(Chunk::release));
            }
            stream.connection().runOnEventLoop(() -> afterAheadRead(early.length()));
            return read;
        }
        reading = true;
        pending.set(read);
        if (deliverable) {
            stream.connection().runOnEventLoop(this::serve);
        }
        return read;
    }

    /** The application took a read from {@link #ahead}: its bytes are read now, and the next may go ahead. */
    private void afterAheadRead(int length) {
        side.onAheadRead(length);
        stream.afterRead();
        serve();
    }

    @Override
    public void stopSending(long errorCode) {
        stopSendingWithHttp3Code(ErrorCodes.toHttp3(errorCode));
    }

    @Override
    public void stopSendingWithHttp3Code(long http3Code) {
        ErrorCodes.checkHttp3(http3Code);
        stream.connection().runOnEventLoop(() -> stream.abortReceive(http3Code, true));
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    // ------------------------------------------------------------------ event loop

    /** Bytes arrived; reading pauses if the stream or the connection holds too much. */
    void onData(ByteBuf data) {
        if (keep(data)) {
            stream.pauseReading();
        }
        bytesReceived = side.bytesReceived();
        deliverable = side.wouldServe();
        stream.connection().onReceiveProgress(stream.state());
    }

    /**
     * Hands arrived bytes to the receive side; returns whether reading must pause. A read smaller than
     * {@link #ACCUMULATOR_BYTES} is copied into a buffer of at most that size that collects the
     * stream's small reads, and its own buffer goes back to Netty at once. Netty reads each packet's stream
     * data into a buffer of its own, sized by a guess: kept as they came, a peer sending a byte per
     * packet made the stream hold a buffer of at least 64 bytes (and its objects) per byte counted
     * against the budget, and a bulk stream held one buffer per packet, which Netty's allocator
     * could not reuse until the application had read it on another thread.
     */
    private boolean keep(ByteBuf data) {
        int n = data.readableBytes();
        if (n == 0 || n >= ACCUMULATOR_BYTES) {
            return side.onData(new BufChunk(data));
        }
        BufChunk open = accumulating;
        if (open != null && open.buf.maxWritableBytes() >= n && side.holdsLast(open)) {
            open.buf.writeBytes(data); // grows the buffer, up to ACCUMULATOR_BYTES
            data.release();
            return side.onAppended(n);
        }
        // Sized for what came, growing as more does; full-sized at once while data streams in (the
        // last buffer grew to full size). A buffer of ACCUMULATOR_BYTES for every first small read
        // let a peer make the server hold 8 KiB per stream for one counted byte on each.
        boolean streaming = open != null && open.buf.capacity() == ACCUMULATOR_BYTES;
        ByteBuf collector = stream.connection().alloc().directBuffer(streaming ? ACCUMULATOR_BYTES : n, ACCUMULATOR_BYTES);
        collector.writeBytes(data);
        data.release();
        accumulating = new BufChunk(collector);
        return side.onData(accumulating);
    }

    /**
     * A batch of reads ended: a waiting reader is served once per batch, and at most once per
     * {@link #READ_COALESCE_NANOS} while data keeps flowing, so a reader that keeps up with a fast
     * sender does not cost one executor hand-off per packet. Data after a quiet spell goes as soon as
     * the event loop finished what it is doing: Netty reports a FIN that came with the data only
     * after this batch, and so the FIN joins the last bytes in one read.
     */
    void onReadComplete() {
        long now = System.nanoTime();
        long wait = lastServedNanos + READ_COALESCE_NANOS - now;
        if (wait <= 0) {
            if (!serveQueued) {
                serveQueued = true;
                stream.eventLoop().execute(() -> {
                    serveQueued = false;
                    serveNoting();
                });
            }
        } else if (deferredServe == null) {
            deferredServe = stream.eventLoop().schedule(() -> {
                deferredServe = null;
                serveNoting();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Serves a waiting reader and notes when, for the coalescing window. */
    private void serveNoting() {
        lastServedNanos = System.nanoTime();
        serve();
    }

    void onFin() {
        side.onFin();
        serve();
    }

    void onReset(long http3Code) {
        side.onReset(http3Code);
        serve();
    }

    /** Hands the next read to a waiting reader, or fails it if the side ended without a FIN. */
    void serve() {
        if (side.abort() != ReceiveSide.Abort.NONE) {
            dropAhead();
        }
        deliverable = side.wouldServe() || ahead.get() != null;
        // Taken before anything else: giving bytes back to the budget can wake streams and read
        // from QUIC right here, which may call serve() again; that call must find no reader.
        CompletableFuture<ReadResult> target = pending.getAndSet(null);
        if (target == null) {
            takeAhead();
            return;
        }
        ReceiveSide.Read early = ahead.getAndSet(null);
        ReceiveSide.Read read = early != null ? side.serveAhead(early) : side.take();
        deliverable = side.wouldServe();
        if (read == null && side.abort() == ReceiveSide.Abort.NONE) {
            pending.set(target); // nothing yet: the next data serves it
            return;
        }
        if (read != null) {
            stream.connection().deliver(() -> settle(target, read), () -> read.chunks().forEach(Chunk::release));
            stream.afterRead();
        } else {
            Throwable error = error();
            stream.connection().deliver(() -> {
                readOutstanding.set(false);
                target.completeExceptionally(error);
            }, null);
        }
    }

    /**
     * With no read waiting, takes the next one out ahead for a reader that has been reading, or adds
     * what came since to the one already out (up to {@link ReceiveSide#MAX_READ_BYTES}). The reader
     * may call in between: it then finds either this read or, having missed it, {@link #deliverable}
     * set, and comes back here.
     */
    private void takeAhead() {
        ReceiveSide.Read out = ahead.get();
        if (!reading || (out != null && out.length() >= ReceiveSide.MAX_READ_BYTES)) {
            return;
        }
        ReceiveSide.Read more = side.takeAhead();
        if (more == null) {
            return;
        }
        // Bytes that came since join the read already out, so reads stay as large as they were
        // without the read ahead; unless the reader took that one meanwhile, then they wait alone.
        if (out == null || !ahead.compareAndSet(out, joined(out, more))) {
            ahead.set(more);
        }
        deliverable = true; // before looking for a reader again: the reader writes pending, then reads this
        CompletableFuture<ReadResult> target = pending.getAndSet(null);
        if (target != null) {
            pending.set(target);
            serve(); // a reader came meanwhile and missed the read taken ahead: serve it from there
        }
    }

    private static ReceiveSide.Read joined(ReceiveSide.Read first, ReceiveSide.Read then) {
        List<Chunk> chunks = new ArrayList<>(first.chunks().size() + then.chunks().size());
        chunks.addAll(first.chunks());
        chunks.addAll(then.chunks());
        return new ReceiveSide.Read(chunks, first.length() + then.length(), false);
    }

    /** The side ended: a read taken ahead and not yet taken by the reader is dropped (the side credited it). */
    private void dropAhead() {
        ReceiveSide.Read read = ahead.getAndSet(null);
        if (read != null) {
            read.chunks().forEach(Chunk::release);
        }
    }

    /** On the executor: copies the bytes out of Netty's buffers and completes the read. */
    private void settle(CompletableFuture<ReadResult> target, ReceiveSide.Read read) {
        byte[] bytes = new byte[read.length()];
        int offset = 0;
        for (Chunk c : read.chunks()) {
            ByteBuf buf = ((BufChunk) c).buf;
            int n = buf.readableBytes();
            buf.readBytes(bytes, offset, n);
            offset += n;
            buf.release();
        }
        bytesRead += read.length();
        readOutstanding.set(false); // before completing: the completion may read again
        target.complete(new ReadResult(ByteBuffer.wrap(bytes), read.fin()));
    }

    /** Why reads fail once the side ended without its FIN being read. */
    private Throwable error() {
        return switch (side.abort()) {
            case RESET_BY_PEER -> {
                long code = ErrorCodes.fromHttp3(side.resetCode());
                long reported = code == ErrorCodes.NO_APPLICATION_CODE ? StreamResetException.NO_CODE : code;
                yield new StreamResetException(reported, side.resetCode(), "the peer reset stream " + id() + " with "
                        + ErrorCodes.name(side.resetCode()));
            }
            case STOPPED_LOCALLY -> new CancellationException("reading stream " + id() + " was stopped locally");
            default -> {
                Throwable gone = stream.sessionGone();
                yield gone != null ? gone : new ClosedChannelException();
            }
        };
    }
}
