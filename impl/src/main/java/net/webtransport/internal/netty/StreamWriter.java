package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.WebTransportQuicAccess;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.internal.stream.Chunk;
import net.webtransport.internal.stream.SendSide;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.StreamStoppedException;
import net.webtransport.transport.WebTransportException;

/**
 * The application's end of a stream's send side. Written bytes go into the stream layer's bounded
 * {@link SendSide}; a write completes when its bytes entered that buffer. The connection's
 * {@link SendPump} then moves bytes to quiche, stream by stream in send order, only as much as
 * quiche takes at once, so the order is decided here and not in quiche's buffers.
 *
 * <p>The FIN always travels with data when it can: quiche (cloudflare/quiche#2525) may retire a
 * stream whose data is all acknowledged once its final size is known, before the frame carrying a
 * lone FIN was sent, and the peer then waits forever. So the last buffered byte stays back until
 * more data or the FIN comes, or {@link #HELD_BACK_FLUSH_MICROS} passed; a FIN that must go alone
 * waits until the data before it had time to be acknowledged ({@link #loneFinDelayNanos}).
 *
 * <p>Over this project's ~400-line aim because the FIN workaround's timing, the capacity probing
 * and the flow-control accounting all sit on the one send path and are easier to check together.
 */
final class StreamWriter implements SendStream {
    /** How long a held-back last byte waits for a FIN or more data before it is sent alone. */
    static final long HELD_BACK_FLUSH_MICROS = 1000;
    /** QUIC's default max_ack_delay (RFC 9000 §18.2): how long a peer may sit on an ACK. */
    static final long MAX_ACK_DELAY_NANOS = 25_000_000;
    /**
     * Whether the quiche#2525 workaround is on (held-back last byte, delayed lone FIN). Only tests
     * turn it off, to show that the FIN tests catch the bug it works around.
     */
    static volatile boolean finWorkaround = true;
    /**
     * What a stream hands quiche when Netty still calls it writable but quiche is full: Netty queues
     * the byte and, seeing the stream blocked, reports when it is writable again. One byte, because
     * Netty drains that queue itself when room comes, ahead of the send order decided here.
     */
    static final int PROBE_BYTES = 1;
    /** The most buffered writes one write to quiche gathers (Netty hands quiche each as a piece of its own). */
    static final int MAX_GATHERED_CHUNKS = 64;

    private final NettyStream stream;
    private final SendSide side;
    private final AtomicLong bytesWritten = new AtomicLong();
    /** Why writes fail from now on (finished, reset, stopped, gone), or null while they may go on. */
    private volatile Throwable closedForWrites;
    /** Bytes handed to quiche, published for {@link #desiredSize()}. */
    private volatile long bytesSent;
    /** The last write that completes through the event loop: later writes may complete in line once it did. */
    private volatile CompletableFuture<Void> lastQueuedWrite;

    // Event loop only.
    private final ArrayDeque<CompletableFuture<Void>> waitingWrites = new ArrayDeque<>();
    private long writesSettled;
    private CompletableFuture<Void> finDone;
    private long lastSentNanos;
    /** quiche knows the stream: something (the header, for a stream opened here) reached it. */
    private boolean everSent;
    private ScheduledFuture<?> heldBackFlush;
    private ScheduledFuture<?> loneFinTimer;
    /** The stream carries messages without a FIN after them: its last byte is no longer held back. */
    private boolean messaging;
    /** The last {@link #sendSome} stopped because quiche had no room (and Netty knows it). */
    private boolean blockedOnCapacity;
    /** Writes handed to Netty whose futures have not completed: queued there while quiche is full. */
    private int writesInNetty;
    /** The HTTP/3 code of a reset asked for with {@link #reset(long, long)}, sent once its kept bytes went. */
    private long pendingResetCode;
    private ScheduledFuture<?> reliableResetTimer;
    /** Since when the held-back byte has been the only byte left. */
    private long heldAloneSinceNanos;

    StreamWriter(NettyStream stream, SendSide side) {
        this.stream = stream;
        this.side = side;
    }

    @Override
    public long id() {
        return stream.id();
    }

    @Override
    public CompletableFuture<Void> write(ByteBuffer data) {
        return write(data, false);
    }

    @Override
    public CompletableFuture<Void> write(ByteBuffer data, boolean fin) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Throwable closed = closedForWrites;
        if (closed != null) {
            stream.connection().deliver(() -> done.completeExceptionally(closed), null);
            return done;
        }
        int n = data.remaining();
        ByteBuf buf = n == 0 ? Unpooled.EMPTY_BUFFER : stream.connection().alloc().directBuffer(n).writeBytes(data);
        long ahead = bytesWritten.getAndAdd(n) - bytesSent;
        if (fin) {
            closedForWrites = new IllegalStateException("stream " + id() + " is finished");
        }
        if (settlesInLine(n, fin, ahead)) {
            done.complete(null);
            stream.connection().runOnEventLoop(() -> enqueue(buf, false, null));
            return done;
        }
        lastQueuedWrite = done;
        stream.connection().runOnEventLoop(() -> enqueue(buf, fin, done));
        return done;
    }

    /**
     * Whether a write may complete before it returns, saving the event loop's hand-off back to the
     * executor: it is not the FIN; every earlier write of this stream completed (so completions stay
     * in order); the bytes not yet handed to quiche, {@code ahead} of it, leave the buffer room, so the
     * send buffer accepts it when it gets there, as it would have on the event loop; and it is made
     * on an executor thread not too deep in such completions already (so it completes on the
     * executor, as every future here does). Checked last, as it counts the completion.
     */
    private boolean settlesInLine(int n, boolean fin, long ahead) {
        CompletableFuture<Void> last = lastQueuedWrite;
        return !fin && n > 0 && ahead < side.highWaterMark() && (last == null || last.isDone())
                && stream.connection().mayCompleteInLine();
    }

    @Override
    public CompletableFuture<Boolean> writeAtomic(ByteBuffer data) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Throwable closed = closedForWrites;
        if (closed != null) {
            stream.connection().deliver(() -> done.completeExceptionally(closed), null);
            return done;
        }
        int n = data.remaining();
        ByteBuf buf = n == 0 ? Unpooled.EMPTY_BUFFER : stream.connection().alloc().directBuffer(n).writeBytes(data);
        stream.connection().runOnEventLoop(() -> {
            if (n > atomicWindow()) {
                buf.release();
                stream.connection().deliver(() -> done.complete(false), null);
                return;
            }
            bytesWritten.addAndGet(n);
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            accepted.whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(true);
                }
            });
            enqueue(buf, false, accepted);
        });
        return done;
    }

    /**
     * The bytes a write could add and still go whole within the flow-control window open now: the
     * smaller of quiche's room for the stream and the session's credit, less what is queued ahead.
     */
    private long atomicWindow() {
        long quic = Math.max(0, WebTransportQuicAccess.capacity(stream.channel()));
        long session = stream.connection().core().sendCredit(stream.state().sessionId());
        return Math.min(quic, session) - side.queuedBytes();
    }

    @Override
    public CompletableFuture<Void> finish() {
        return write(Unpooled.EMPTY_BUFFER.nioBuffer(), true);
    }

    @Override
    public void reset(long errorCode) {
        resetWithHttp3Code(ErrorCodes.toHttp3(errorCode));
    }

    @Override
    public void reset(long errorCode, long reliableSize) {
        long http3Code = ErrorCodes.toHttp3(errorCode);
        if (closedForWrites == null) {
            closedForWrites = new WebTransportException("stream " + id() + " was reset locally");
        }
        stream.connection().runOnEventLoop(() -> resetAfter(http3Code, reliableSize));
    }

    @Override
    public void resetWithHttp3Code(long http3Code) {
        ErrorCodes.checkHttp3(http3Code);
        if (closedForWrites == null) {
            closedForWrites = new WebTransportException("stream " + id() + " was reset locally");
        }
        stream.connection().runOnEventLoop(() -> stream.abortSend(http3Code));
    }

    @Override
    public void sendGroup(long group) {
        stream.connection().runOnEventLoop(() -> stream.connection().pump().regroup(stream.state(),
                stream.connection().core().sendGroupKey(stream.state().sessionId(), group)));
    }

    @Override
    public void sendOrder(long order) {
        stream.connection().runOnEventLoop(() -> stream.connection().pump().reorder(stream.state(), order));
    }

    @Override
    public long desiredSize() {
        return side.highWaterMark() - (bytesWritten.get() - bytesSent);
    }

    @Override
    public long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    // ------------------------------------------------------------------ event loop

    /** Queues a write on the send side; {@code done} is null for a write that completed in line. */
    private void enqueue(ByteBuf data, boolean fin, CompletableFuture<Void> done) {
        if (side.isOpen() && peerStopped()) {
            onStopped();
        }
        if (!side.isOpen()) {
            data.release(); // a write that completed in line lost a race with a reset: as if reset after
            if (done != null) {
                stream.connection().deliver(() -> done.completeExceptionally(failure()), null);
            }
            return;
        }
        if (data.isReadable()) {
            boolean accepted = side.write(new BufChunk(data));
            if (!fin) {
                if (accepted) {
                    writesSettled++;
                    if (done != null) {
                        stream.connection().deliver(() -> done.complete(null), null);
                    }
                } else {
                    // only writers racing on several threads get here with a write that completed in line
                    waitingWrites.add(done != null ? done : new CompletableFuture<>());
                }
            } else if (!accepted) {
                waitingWrites.add(new CompletableFuture<>()); // the FIN's future settles this write
            } else {
                writesSettled++;
            }
        } else {
            data.release();
            if (!fin) {
                stream.connection().deliver(() -> done.complete(null), null);
            }
        }
        if (fin) {
            side.finish();
            finDone = done;
        }
        if (onlyHeldByteLeft()) {
            scheduleHeldBackFlush(); // a one-byte write: the pump has nothing to take, the timer sends it
        }
        stream.connection().pump().wake(this);
    }

    /**
     * Resets once the first {@code reliableSize} bytes went to quiche; writes still waiting for room
     * fail now. A finished stream (FIN asked for) is reset at once, as {@link #resetWithHttp3Code}.
     */
    private void resetAfter(long http3Code, long reliableSize) {
        if (side.isOver() || side.resetRequested()) {
            return;
        }
        if (side.finRequested()) {
            stream.abortSend(http3Code);
            return;
        }
        pendingResetCode = http3Code;
        side.resetAfter(reliableSize);
        cancelTimers();
        failWaitingWrites();
        resetIfDue();
        stream.connection().pump().wake(this);
    }

    /**
     * Sends the reset {@link #resetAfter} asked for once every byte it keeps went to quiche and had
     * time to be acknowledged (as long as a lone FIN waits): a quiche peer drops the bytes it has not
     * handed to its application when the reset arrives, so the reset must not overtake them.
     */
    private void resetIfDue() {
        if (!side.resetDue() || reliableResetTimer != null) {
            return;
        }
        stream.channel().flush();
        long wait = side.bytesSent() > 0 ? lastSentNanos + loneFinDelayNanos() - System.nanoTime() : 0;
        if (wait <= 0) {
            stream.abortSend(pendingResetCode);
            return;
        }
        reliableResetTimer = stream.eventLoop().schedule(() -> stream.abortSend(pendingResetCode), wait, TimeUnit.NANOSECONDS);
    }

    /** Writes the stream header of a stream this endpoint opened, ahead of any data. */
    void sendHeader(ByteBuf header) {
        stream.channel().writeAndFlush(header).addListener(f -> everSent |= f.isSuccess());
    }

    /**
     * Whether the last buffered byte waits for the FIN. A stream whose held byte once waited in vain
     * ({@link #HELD_BACK_FLUSH_MICROS} without a FIN) is a stream kept open for messages: from then on
     * it sends every byte at once, and only its final, lone FIN pays the wait of
     * {@link #loneFinDelayNanos}.
     */
    private boolean holdsLastByte() {
        return finWorkaround && !messaging && !side.finRequested() && !side.resetRequested();
    }

    /** Whether the last {@link #sendSome} found quiche full; such a stream waits for a writability change. */
    boolean blockedOnCapacity() {
        return blockedOnCapacity;
    }

    /** Whether all that is buffered is the last byte, held back for a FIN that has not been asked for. */
    private boolean onlyHeldByteLeft() {
        return holdsLastByte() && side.hasBufferedBytes() && !side.hasSendable(true);
    }

    /** Whether stream-body bytes (not only a FIN) wait to go: those need flow-control credit. Event loop only. */
    boolean hasBodyToSend() {
        return !side.isOver() && side.hasBufferedBytes();
    }

    /** Stream-body bytes handed to QUIC so far. Event loop only. */
    long bodyBytesSent() {
        return side.bytesSent();
    }

    /** Whether the pump should pick this stream: bytes it may send now, or a FIN that is due. */
    boolean wantsToSend() {
        if (side.isOver()) {
            return false;
        }
        return side.finDue() ? loneFinTimer == null : side.hasSendable(holdsLastByte());
    }

    /**
     * Moves up to {@code max} bytes (one buffered write at most) to quiche. Returns whether the stream
     * still wants to send. Called by the {@link SendPump} only.
     */
    boolean sendSome(int max) {
        QuicStreamChannel ch = stream.channel();
        long capacity = WebTransportQuicAccess.capacity(ch);
        if (stopped(capacity)) {
            onStopped();
            return false;
        }
        blockedOnCapacity = false;
        if (capacity <= 0) {
            if (!ch.isWritable() && writesInNetty > 0) {
                blockedOnCapacity = true;
                return false; // a writability change, or the queued write failing, wakes the pump again
            }
            // quiche is full for now. A small write that Netty must queue lets Netty report when room
            // comes, and a STOP_SENDING that comes first: Netty reports that only to a queued write, and
            // a write that filled quiche exactly leaves the channel unwritable with nothing queued.
            capacity = PROBE_BYTES;
        }
        ByteBuf buf = takeUpTo((int) Math.min(max, capacity), holdsLastByte());
        bytesSent = side.bytesSent();
        settleAcceptedWrites();
        boolean fin = side.finDue();
        if (buf != null) {
            send(fin ? new DefaultQuicStreamFrame(buf, true) : buf, fin);
        } else if (fin) {
            sendLoneFin();
        }
        if (onlyHeldByteLeft()) {
            scheduleHeldBackFlush();
        }
        resetIfDue();
        return wantsToSend();
    }

    /**
     * Takes up to {@code limit} buffered bytes, across as many writes as they came in, as one buffer
     * (a composite one, no copy) for one write to quiche: Netty asks quiche to packetize after every
     * stream write it gets outside its read and writability passes, so one write per buffered chunk
     * would send a short train of packets per chunk. Null if nothing may be taken.
     */
    private ByteBuf takeUpTo(int limit, boolean holdLastByte) {
        Chunk first = side.take(limit, holdLastByte);
        if (first == null) {
            return null;
        }
        ByteBuf out = ((BufChunk) first).buf;
        int left = limit - out.readableBytes();
        Chunk next;
        while (left > 0 && (next = side.take(left, holdLastByte)) != null) {
            ByteBuf more = ((BufChunk) next).buf;
            left -= more.readableBytes();
            if (!(out instanceof CompositeByteBuf)) {
                out = stream.connection().alloc().compositeDirectBuffer(MAX_GATHERED_CHUNKS).addComponent(true, out);
            }
            ((CompositeByteBuf) out).addComponent(true, more);
            if (((CompositeByteBuf) out).numComponents() >= MAX_GATHERED_CHUNKS) {
                break;
            }
        }
        return out;
    }

    /**
     * Whether the peer sent STOP_SENDING, which Netty reports only to a write queued when it arrives:
     * quiche says so, or has retired the stream after it ("invalid state" for a stream it knew).
     */
    private boolean peerStopped() {
        return stopped(WebTransportQuicAccess.capacity(stream.channel()));
    }

    private boolean stopped(long capacity) {
        return capacity == WebTransportQuicAccess.STREAM_STOPPED
                || (capacity == WebTransportQuicAccess.INVALID_STREAM_STATE && everSent);
    }

    private void send(Object msg, boolean fin) {
        lastSentNanos = System.nanoTime();
        writesInNetty++;
        ChannelFuture written = stream.channel().write(msg);
        stream.connection().pump().touched(stream.channel());
        if (fin) {
            side.onFinSent();
            written.addListener(f -> {
                writesInNetty--;
                onFinWritten(f.isSuccess() ? null : f.cause());
            });
        } else {
            written.addListener(f -> {
                writesInNetty--;
                if (f.isSuccess()) {
                    everSent = true;
                } else {
                    onWriteFailed(f.cause());
                }
            });
        }
    }

    /**
     * A FIN with no byte left to carry it is only safe once the data before it was acknowledged:
     * waits a probe timeout's worth after the last data, from the path's RTT.
     */
    private void sendLoneFin() {
        long wait = everSent && finWorkaround ? lastSentNanos + loneFinDelayNanos() - System.nanoTime() : 0;
        if (wait <= 0) {
            send(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true), true);
            return;
        }
        loneFinTimer = stream.eventLoop().schedule(() -> {
            loneFinTimer = null;
            if (side.finDue()) {
                send(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true), true);
                stream.channel().flush();
            }
        }, wait, TimeUnit.NANOSECONDS);
    }

    /**
     * Twice QUIC's probe timeout, PTO = smoothed RTT + 4 RTT variation + max_ack_delay (RFC 9002
     * §6.2.1), with the variation taken as half the RTT because Netty does not report it: time for
     * the last data to be acknowledged, or lost and resent once.
     */
    private long loneFinDelayNanos() {
        long rtt = stream.connection().smoothedRttNanos();
        return 2 * (3 * rtt + MAX_ACK_DELAY_NANOS);
    }

    /**
     * The held-back last byte must not wait for a FIN that may never come: once it has been the only
     * byte left for {@link #HELD_BACK_FLUSH_MICROS}, it goes alone and the stream counts as one kept
     * open for messages (see {@link #holdsLastByte()}).
     */
    private void scheduleHeldBackFlush() {
        heldAloneSinceNanos = System.nanoTime();
        if (heldBackFlush == null) {
            heldBackFlush = stream.eventLoop().schedule(this::flushHeldBack, HELD_BACK_FLUSH_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    private void flushHeldBack() {
        heldBackFlush = null;
        if (!holdsLastByte() || side.isOver() || !side.hasBufferedBytes() || side.hasSendable(true)
                || !stream.channel().isActive()) {
            return; // the FIN carries it, or more data came and the pump sends it
        }
        long wait = heldAloneSinceNanos + TimeUnit.MICROSECONDS.toNanos(HELD_BACK_FLUSH_MICROS) - System.nanoTime();
        if (wait > 0) {
            heldBackFlush = stream.eventLoop().schedule(this::flushHeldBack, wait, TimeUnit.NANOSECONDS);
            return;
        }
        long sessionId = stream.state().sessionId();
        if (stream.connection().core().sendCredit(sessionId) < 1) {
            stream.connection().pump().waitForCredit(this); // flow control: it goes when the peer grants more
            return;
        }
        messaging = true;
        Chunk last = side.take(Integer.MAX_VALUE, false);
        bytesSent = side.bytesSent();
        settleAcceptedWrites();
        if (last != null) {
            stream.connection().core().onStreamDataSent(sessionId, last.length());
            send(((BufChunk) last).buf, false);
            stream.channel().flush();
        }
    }

    /** Completes the writes whose bytes entered the buffer since the last call. */
    private void settleAcceptedWrites() {
        while (writesSettled < side.writesAccepted()) {
            writesSettled++;
            CompletableFuture<Void> w = waitingWrites.poll();
            if (w != null) {
                stream.connection().deliver(() -> w.complete(null), null);
            }
        }
    }

    private void onFinWritten(Throwable cause) {
        CompletableFuture<Void> done = finDone;
        finDone = null;
        if (cause != null) {
            onWriteFailed(cause);
            if (done != null) {
                Throwable failure = failure();
                stream.connection().deliver(() -> done.completeExceptionally(failure), null);
            }
            return;
        }
        if (done != null) {
            stream.connection().deliver(() -> done.complete(null), null);
        }
        stream.sendOver();
    }

    private void onWriteFailed(Throwable cause) {
        if (cause instanceof ChannelOutputShutdownException && String.valueOf(cause.getMessage()).contains("STOP_SENDING")) {
            onStopped();
        } else if (!side.isOver() || finDone != null) {
            abort(stream.sessionGone() != null ? stream.sessionGone()
                    : new WebTransportException("write on stream " + id() + " failed", cause));
        }
    }

    /** The peer sent STOP_SENDING (quiche answers it with RESET_STREAM itself): the send side is over. */
    private void onStopped() {
        abort(new StreamStoppedException(StreamStoppedException.NO_CODE, "the peer stopped reading stream " + id()));
        stream.sendOver();
    }

    /**
     * Ends the side without FIN: drops what is buffered and fails every write not yet accepted, and
     * the FIN's future, with {@code cause}.
     */
    void abort(Throwable cause) {
        if (closedForWrites == null || closedForWrites instanceof IllegalStateException) {
            closedForWrites = cause;
        }
        side.abort();
        cancelTimers();
        failWaitingWrites();
        Throwable failure = failure();
        CompletableFuture<Void> fin = finDone;
        finDone = null;
        if (fin != null) {
            stream.connection().deliver(() -> fin.completeExceptionally(failure), null);
        }
    }

    private void failWaitingWrites() {
        Throwable failure = failure();
        CompletableFuture<Void> w;
        while ((w = waitingWrites.poll()) != null) {
            CompletableFuture<Void> write = w;
            stream.connection().deliver(() -> write.completeExceptionally(failure), null);
        }
    }

    private void cancelTimers() {
        if (reliableResetTimer != null) {
            reliableResetTimer.cancel(false);
            reliableResetTimer = null;
        }
        if (heldBackFlush != null) {
            heldBackFlush.cancel(false);
            heldBackFlush = null;
        }
        if (loneFinTimer != null) {
            loneFinTimer.cancel(false);
            loneFinTimer = null;
        }
    }

    /** What a failed write reports: the session's end, or why this side closed. */
    private Throwable failure() {
        Throwable gone = stream.sessionGone();
        if (gone != null) {
            return gone;
        }
        Throwable closed = closedForWrites;
        return closed != null ? closed : new IllegalStateException("stream " + id() + " is closed for writing");
    }
}
