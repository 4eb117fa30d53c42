package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.WebTransportQuicAccess;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.webtransport.internal.session.StreamIds;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReadResult;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.StreamResetException;
import net.webtransport.transport.StreamStoppedException;
import net.webtransport.transport.WebTransportException;

/**
 * One WebTransport stream over a raw {@link QuicStreamChannel} (no HTTP/3 codec: the stream header
 * has been consumed or written already). It is both the last handler of the stream's pipeline and
 * the {@link SendStream} / {@link ReceiveStream} handed to the application.
 *
 * <p>Receiving: Netty's buffers wait in a bounded queue and are copied to the heap on the reader's
 * thread; when the queue holds more than {@link #PAUSE_READING_AT} bytes the channel stops reading,
 * so QUIC flow control pushes back on the peer, and it resumes when the reader drained it below
 * {@link #RESUME_READING_AT}; the connection's {@link ReceiveBudget} caps all streams together. A waiting reader is served per read batch, at most once per
 * {@link #READ_COALESCE_NANOS} while data keeps flowing.
 *
 * <p>Sending: writes go to the channel in order on the event loop. The FIN travels as a stream
 * frame through the same queue as the data, because {@code QuicStreamChannel.shutdownOutput()}
 * jumps that queue and would truncate queued data, and it always carries the last byte written
 * (see {@link #heldBack}) because quiche may drop a FIN that travels alone.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter implements BidirectionalStream, SendStream, ReceiveStream {
    static final int PAUSE_READING_AT = 4 << 20;
    static final int RESUME_READING_AT = 1 << 20;
    /** The shortest gap between two hand-offs of data to a reader that is keeping up. */
    static final long READ_COALESCE_NANOS = 200_000;
    /** The most a single read hands out when data piled up. */
    static final int MAX_READ_BYTES = 1 << 20;
    /** How long a held-back last byte waits for a FIN or more data before it is sent alone. */
    static final long HELD_BACK_FLUSH_MICROS = 1000;
    /**
     * How long a FIN without data waits after the last data was sent, so that data is acknowledged
     * first (see {@link #heldBack}): well above a loopback or LAN round trip plus QUIC's 25 ms
     * maximum ACK delay.
     */
    static final long LONE_FIN_DELAY_NANOS = 100_000_000;

    private final WtConnectionHandler connection;
    private volatile NettySession session;
    private volatile QuicStreamChannel channel;
    private final long id;

    // Receive state, shared between the event loop and reader threads: guarded by "this".
    /** Received data not yet handed to the reader; owned (reference counted) by this handler. */
    private final ArrayDeque<ByteBuf> received = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean finReceived;
    private Throwable receiveError;
    private CompletableFuture<ReadResult> pendingRead;
    /** A read future was handed out and has not completed yet (pending, or queued on the executor). */
    private boolean readOutstanding;
    /** Event loop only: when a waiting reader was last served, and a serve put off until later. */
    private long lastServedNanos;
    private ScheduledFuture<?> deferredServe;
    private boolean readingPaused;
    /** Whether bufferedBytes counts against the connection's ReceiveBudget (not after the channel closed). */
    private boolean countedInBudget = true;
    private long bytesRead;

    // Send state.
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile Throwable sendError;

    // Event-loop-only state: which directions are over, to close the channel when both are.
    private boolean sendDone;
    private boolean receiveDone;
    /**
     * The last byte written, kept back until the next write or the FIN so that the FIN never
     * travels alone: quiche (cloudflare/quiche#2525) retires a stream whose data is all
     * acknowledged once its final size is known, even if the frame carrying the FIN was not sent
     * yet, and the peer then waits for the FIN forever. A write followed by a late finish() is
     * exactly that. The byte goes out by itself after {@link #HELD_BACK_FLUSH_MICROS} if neither
     * comes, which bounds the extra latency of a message whose stream stays open; a FIN that comes
     * later still is sent alone, but only once the data before it had time to be acknowledged.
     */
    private ByteBuf heldBack;
    /** When data last went to quiche; a lone FIN waits {@link #LONE_FIN_DELAY_NANOS} after it. */
    private long lastSentNanos;
    private ScheduledFuture<?> heldBackFlush;
    private volatile boolean finishing;
    /** Some data reached quiche on this stream, so quiche knows it (event loop only). */
    private boolean everSent;

    StreamHandler(WtConnectionHandler connection, NettySession session, long id) {
        this.connection = connection;
        this.session = session;
        this.id = id;
        if (!StreamIds.canSend(id, connection.role())) {
            sendDone = true;
            sendError = new IllegalStateException("stream " + id + " is receive-only");
        }
        if (!StreamIds.canReceive(id, connection.role())) {
            receiveDone = true;
            finReceived = true;
        }
    }

    /** Binds a stream that arrived before its session was established to that session. */
    void attach(NettySession session) {
        this.session = session;
    }

    boolean isBidirectionalStream() {
        return StreamIds.isBidirectional(id);
    }

    /** Why the stream's session is over, or null while it is not. */
    private Throwable sessionGone() {
        NettySession s = session;
        return s == null ? null : s.closedCause();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = (QuicStreamChannel) ctx.channel();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ReceiveStream readable() {
        return this;
    }

    @Override
    public SendStream writable() {
        return this;
    }

    // ------------------------------------------------------------------ receiving (event loop side)

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        int n = buf.readableBytes();
        synchronized (this) {
            if (n == 0 || receiveError != null || finReceived) {
                buf.release(); // nothing, or reading was stopped: discard
                return;
            }
            // Kept as is: the copy to the heap happens on the reader's side, off the event loop.
            received.add(buf);
            bufferedBytes += n;
            boolean overBudget = connection.receiveBudget().add(n);
            if ((bufferedBytes > PAUSE_READING_AT || overBudget) && !readingPaused) {
                readingPaused = true;
                ctx.channel().config().setAutoRead(false);
                if (overBudget) {
                    connection.receiveBudget().waitFor(this);
                }
            }
        }
    }

    /**
     * Reads again if this stream's buffer drained below {@link #RESUME_READING_AT} and the
     * connection's {@link ReceiveBudget} allows it; otherwise waits for the budget. Event loop only.
     */
    void resumeIfAllowed() {
        synchronized (this) {
            if (!readingPaused || bufferedBytes >= RESUME_READING_AT) {
                return;
            }
            if (connection.receiveBudget().exhausted()) {
                connection.receiveBudget().waitFor(this);
                return;
            }
            readingPaused = false;
        }
        QuicStreamChannel ch = channel;
        ch.config().setAutoRead(true);
        ch.read();
    }

    /**
     * A pending read is served once per read batch, not once per packet: one executor hand-off
     * then carries everything that arrived together.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        serveWaitingReaderCoalesced();
        ctx.fireChannelReadComplete();
    }

    /**
     * Serves a waiting reader at most once per {@link #READ_COALESCE_NANOS}: a reader that keeps up
     * with a fast sender would otherwise cost one executor hand-off per packet batch, which on a
     * loaded machine costs more than the transfer itself. Data arriving after a quiet spell is
     * served at once; only a steady flow is gathered. Event loop only.
     */
    private void serveWaitingReaderCoalesced() {
        long now = System.nanoTime();
        long wait = lastServedNanos + READ_COALESCE_NANOS - now;
        if (wait <= 0) {
            lastServedNanos = now;
            serveWaitingReader();
        } else if (deferredServe == null) {
            deferredServe = channel.eventLoop().schedule(() -> {
                deferredServe = null;
                lastServedNanos = System.nanoTime();
                serveWaitingReader();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Hands buffered data (and the FIN, if it came after it) to a read that is waiting for it. */
    private void serveWaitingReader() {
        CompletableFuture<ReadResult> toComplete;
        Batch result;
        synchronized (this) {
            if (pendingRead == null || received.isEmpty()) {
                return;
            }
            Batch batch = takeBuffered();
            toComplete = pendingRead;
            pendingRead = null;
            result = batch.withFin(finReceived && received.isEmpty());
        }
        settle(toComplete, result, null);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
            onFin();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void onFin() {
        CompletableFuture<ReadResult> toComplete = null;
        synchronized (this) {
            if (finReceived || receiveError != null) {
                return;
            }
            finReceived = true;
            if (pendingRead != null && received.isEmpty()) {
                toComplete = pendingRead;
                pendingRead = null;
            }
        }
        if (toComplete != null) {
            settle(toComplete, Batch.END, null);
        } else {
            serveWaitingReader();
        }
        receiveDone();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException reset) {
            long code = ErrorCodes.fromHttp3(reset.applicationProtocolCode());
            long reported = code == ErrorCodes.NO_APPLICATION_CODE ? StreamResetException.NO_CODE : code;
            failReceive(new StreamResetException(reported, "the peer reset stream " + id + " with "
                    + ErrorCodes.name(reset.applicationProtocolCode())));
            receiveDone();
        } else {
            connection.log().log(System.Logger.Level.DEBUG, "stream " + id + " failed", cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.noteConnectionLoss();
        Throwable gone = sessionGone();
        if (gone == null) {
            gone = new ClosedChannelException();
        }
        boolean finished;
        synchronized (this) {
            finished = finReceived;
            if (finished) {
                // Data that arrived with the FIN stays readable after the channel closed, but moves
                // to the heap: once the stream is gone nothing would release pooled buffers.
                for (int i = received.size(); i > 0; i--) {
                    ByteBuf pooled = received.poll();
                    received.add(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(pooled)));
                    pooled.release();
                }
                // From now on the bytes are the application's to read or drop, not the connection's.
                releaseBudget(bufferedBytes);
                countedInBudget = false;
            }
        }
        if (!finished) {
            failReceive(gone);
        }
        if (sendError == null) {
            sendError = gone;
        }
        releaseHeldBack();
        connection.onStreamChannelClosed(this);
        ctx.fireChannelInactive();
    }

    /** Fails the pending read and drops buffered data; later reads fail with {@code cause}. */
    private void failReceive(Throwable cause) {
        CompletableFuture<ReadResult> toFail;
        synchronized (this) {
            if (receiveError != null || (finReceived && received.isEmpty())) {
                return;
            }
            receiveError = cause;
            releaseReceived();
            toFail = pendingRead;
            pendingRead = null;
        }
        if (toFail != null) {
            settle(toFail, null, cause);
        }
    }

    // ------------------------------------------------------------------ receiving (reader side)

    @Override
    public CompletableFuture<ReadResult> read() {
        boolean resume = false;
        CompletableFuture<ReadResult> result;
        synchronized (this) {
            if (readOutstanding) {
                throw new IllegalStateException("a read is already pending on stream " + id);
            }
            readOutstanding = true;
            if (!received.isEmpty()) {
                Batch batch = takeBuffered();
                resume = readingPaused && bufferedBytes < RESUME_READING_AT;
                result = new CompletableFuture<>();
                settle(result, batch.withFin(finReceived && received.isEmpty()), null);
            } else if (receiveError != null) {
                result = new CompletableFuture<>();
                settle(result, null, receiveError);
            } else if (finReceived) {
                result = new CompletableFuture<>();
                settle(result, Batch.END, null);
            } else {
                pendingRead = new CompletableFuture<>();
                result = pendingRead;
            }
        }
        if (resume) {
            channel.eventLoop().execute(this::resumeIfAllowed);
        }
        return result;
    }

    /**
     * Takes everything buffered, up to {@link #MAX_READ_BYTES}, for one read. Handing out what piled
     * up in one piece, rather than packet by packet, keeps a reader that falls behind from paying
     * one executor hand-off per packet. Caller holds the lock and has checked there is data.
     */
    private Batch takeBuffered() {
        List<ByteBuf> parts = new ArrayList<>();
        int total = 0;
        do {
            ByteBuf next = received.poll();
            parts.add(next);
            total += next.readableBytes();
        } while (!received.isEmpty() && total + received.peek().readableBytes() <= MAX_READ_BYTES);
        bufferedBytes -= total;
        bytesRead += total;
        releaseBudget(total);
        return new Batch(parts, total, false);
    }

    /** Gives buffered bytes back to the connection's budget, unless they no longer count. Caller holds the lock. */
    private void releaseBudget(long n) {
        if (countedInBudget && n > 0) {
            connection.receiveBudget().release(n);
        }
    }

    /** Releases everything buffered. Caller holds the lock. */
    private void releaseReceived() {
        ByteBuf b;
        while ((b = received.poll()) != null) {
            b.release();
        }
        releaseBudget(bufferedBytes);
        bufferedBytes = 0;
    }

    /**
     * Bytes taken from the queue for one read, still in Netty's buffers until the reader's thread
     * copies them out ({@link #toResult()}), so the copy does not load the event loop.
     */
    private record Batch(List<ByteBuf> parts, int total, boolean fin) {
        static final Batch END = new Batch(List.of(), 0, true);

        Batch withFin(boolean fin) {
            return new Batch(parts, total, fin);
        }

        ReadResult toResult() {
            byte[] bytes = new byte[total];
            int offset = 0;
            for (ByteBuf part : parts) {
                int n = part.readableBytes();
                part.readBytes(bytes, offset, n);
                offset += n;
                part.release();
            }
            return new ReadResult(ByteBuffer.wrap(bytes), fin);
        }

        void release() {
            parts.forEach(ByteBuf::release);
        }
    }

    /**
     * Completes a read on the executor. Even a read that finds data waiting completes there, never
     * in the caller's thread: a reader that reads again from the completion would otherwise recurse
     * once per buffered chunk.
     */
    private void settle(CompletableFuture<ReadResult> read, Batch result, Throwable error) {
        try {
            Trampoline.run(connection.executor(), () -> {
                synchronized (this) {
                    readOutstanding = false;
                }
                if (error != null) {
                    read.completeExceptionally(error);
                } else {
                    read.complete(result.toResult());
                }
            });
        } catch (RejectedExecutionException e) {
            if (result != null) {
                result.release(); // the application shut its executor down: nobody will read this
            }
        }
    }

    @Override
    public void stopSending(long errorCode) {
        long http3Code = ErrorCodes.toHttp3(errorCode);
        failReceive(new CancellationException("reading was stopped locally"));
        connection.runOnEventLoop(() -> abortReceive(http3Code));
    }

    @Override
    public synchronized long bytesRead() {
        return bytesRead;
    }

    // ------------------------------------------------------------------ sending

    @Override
    public CompletableFuture<Void> write(ByteBuffer data) {
        Throwable error = sendError;
        if (error != null) {
            return CompletableFuture.failedFuture(error);
        }
        int n = data.remaining();
        if (n == 0) {
            return CompletableFuture.completedFuture(null);
        }
        QuicStreamChannel ch = channel;
        ByteBuf buf = ch.alloc().directBuffer(n);
        buf.writeBytes(data);
        bytesWritten.addAndGet(n);
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.runOnEventLoop(() -> send(buf, done));
        return done;
    }

    /** Writes the stream header of a stream this endpoint opened. Event loop only. */
    void sendHeader(ByteBuf header) {
        send(header, null);
    }

    /**
     * Hands bytes to the channel, keeping back the last byte so that a later {@link #finish()}
     * carries data (see {@link #heldBack}). Event loop only.
     */
    private void send(ByteBuf data, CompletableFuture<Void> done) {
        if (sendError != null && !finishing) {
            data.release();
            if (done != null) {
                Futures.failAsync(done, sendError, connection.executor());
            }
            return;
        }
        if (heldBack != null) {
            channel.write(heldBack); // goes first: the byte kept back from the previous write
            heldBack = null;
        }
        ByteBuf out = data;
        int last = out.writerIndex() - 1;
        heldBack = out.retainedSlice(last, 1);
        out.writerIndex(last);
        scheduleHeldBackFlush();
        if (!out.isReadable()) {
            out.release();
            if (done != null) {
                Futures.completeAsync(done, null, connection.executor());
            }
            return;
        }
        if (peerStoppedReading()) {
            out.release();
            if (done != null) {
                Futures.failAsync(done, sendError, connection.executor());
            }
            return;
        }
        lastSentNanos = System.nanoTime();
        ChannelFuture written = channel.writeAndFlush(out);
        written.addListener(f -> everSent |= f.isSuccess());
        if (done != null) {
            Futures.relay(written, done, null, connection.executor(), this::sendFailure);
        }
    }

    /**
     * Checks with quiche whether the peer stopped reading (STOP_SENDING) while no write was queued,
     * which Netty does not report; if so the send side is over. Event loop only.
     */
    private boolean peerStoppedReading() {
        if (!WebTransportQuicAccess.isSendSideGone(channel, everSent)) {
            return false;
        }
        sendError = new StreamStoppedException(StreamStoppedException.NO_CODE, "the peer stopped reading stream " + id);
        releaseHeldBack();
        sendDone();
        return true;
    }

    /** A held-back byte must not wait for a FIN that may never come: it goes out shortly. */
    private void scheduleHeldBackFlush() {
        if (heldBackFlush == null) {
            heldBackFlush = channel.eventLoop().schedule(() -> {
                heldBackFlush = null;
                if (heldBack != null && channel.isActive() && !finishing) {
                    ByteBuf b = heldBack;
                    heldBack = null;
                    lastSentNanos = System.nanoTime();
                    channel.writeAndFlush(b);
                }
            }, HELD_BACK_FLUSH_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    @Override
    public CompletableFuture<Void> finish() {
        Throwable error = sendError;
        if (error != null) {
            return CompletableFuture.failedFuture(error);
        }
        sendError = new IllegalStateException("stream " + id + " is finished");
        finishing = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.runOnEventLoop(() -> {
            if (peerStoppedReading()) {
                Futures.failAsync(done, sendError, connection.executor());
                return;
            }
            if (heldBack != null) {
                ByteBuf last = heldBack;
                heldBack = null;
                writeFin(last, done);
                return;
            }
            // A FIN without data is only safe once the data before it is acknowledged (see
            // heldBack); data sent a moment ago may still be in flight, so wait that out.
            long wait = lastSentNanos + LONE_FIN_DELAY_NANOS - System.nanoTime();
            if (!everSent || wait <= 0) {
                writeFin(Unpooled.EMPTY_BUFFER, done);
            } else {
                channel.eventLoop().schedule(() -> writeFin(Unpooled.EMPTY_BUFFER, done), wait, TimeUnit.NANOSECONDS);
            }
        });
        return done;
    }

    private void writeFin(ByteBuf last, CompletableFuture<Void> done) {
        ChannelFuture fin = channel.writeAndFlush(new DefaultQuicStreamFrame(last, true));
        fin.addListener(f -> {
            if (f.isSuccess()) {
                sendDone();
            }
        });
        Futures.relay(fin, done, null, connection.executor(), this::sendFailure);
    }

    @Override
    public void reset(long errorCode) {
        long http3Code = ErrorCodes.toHttp3(errorCode);
        if (sendError == null) {
            sendError = new WebTransportException("stream " + id + " was reset locally");
        }
        connection.runOnEventLoop(() -> abortSend(http3Code));
    }

    @Override
    public long bytesWritten() {
        return bytesWritten.get();
    }

    private Throwable sendFailure(Throwable cause) {
        Throwable closed = sessionGone();
        if (closed != null) {
            return closed;
        }
        if (cause instanceof ChannelOutputShutdownException && String.valueOf(cause.getMessage()).contains("STOP_SENDING")) {
            // quiche answers STOP_SENDING with RESET_STREAM itself; the send side is over.
            connection.runOnEventLoop(this::sendDone);
            return new StreamStoppedException(StreamStoppedException.NO_CODE, "the peer stopped reading stream " + id);
        }
        Throwable local = sendError;
        if (local instanceof WebTransportException) {
            return local;
        }
        return new WebTransportException("write on stream " + id + " failed", cause);
    }

    // ------------------------------------------------------------------ aborting (event loop)

    /** RESET_STREAM with an HTTP/3 code. Event loop only. */
    void abortSend(long http3Code) {
        releaseHeldBack();
        if (sendDone) {
            return;
        }
        if (sendError == null) {
            Throwable closed = sessionGone();
            sendError = closed != null ? closed : new WebTransportException("stream " + id + " was reset");
        }
        QuicStreamChannel ch = channel;
        if (ch.isActive()) {
            WebTransportQuicAccess.shutdown(ch, false, true, http3Code);
            ch.shutdownOutput(0);
        }
        sendDone();
    }

    /** STOP_SENDING with an HTTP/3 code. Event loop only. The receive side ends when the peer's reset arrives. */
    void abortReceive(long http3Code) {
        Throwable closed = sessionGone();
        failReceive(closed != null ? closed : new CancellationException("reading was stopped locally"));
        QuicStreamChannel ch = channel;
        if (!receiveDone && ch.isActive()) {
            WebTransportQuicAccess.shutdown(ch, true, false, http3Code);
            ch.shutdownInput(0);
            // quiche discards whatever still arrives; keep the channel reading so the peer's
            // RESET_STREAM is seen and the stream can be retired.
            ch.config().setAutoRead(true);
            ch.read();
        }
    }

    private void releaseHeldBack() {
        if (heldBack != null) {
            heldBack.release();
            heldBack = null;
        }
    }

    private void sendDone() {
        sendDone = true;
        closeIfDone();
    }

    private void receiveDone() {
        receiveDone = true;
        closeIfDone();
    }

    @Override
    public synchronized String toString() {
        QuicStreamChannel ch = channel;
        return "WtStream[" + id + (ch != null && ch.isActive() ? " active" : " inactive")
                + " buffered=" + received.size() + "/" + bufferedBytes + " fin=" + finReceived
                + " error=" + receiveError + " pending=" + (pendingRead != null) + " outstanding=" + readOutstanding
                + " sendDone=" + sendDone + " receiveDone=" + receiveDone + " bytesRead=" + bytesRead
                + " bytesWritten=" + bytesWritten + "]";
    }

    private void closeIfDone() {
        QuicStreamChannel ch = channel;
        if (sendDone && receiveDone && ch != null && ch.isActive()) {
            ch.close();
        }
    }
}
