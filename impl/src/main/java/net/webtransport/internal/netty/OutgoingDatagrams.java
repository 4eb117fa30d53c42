package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.webtransport.transport.WebTransportException;

/**
 * The datagrams the application sends on one connection, handed to quiche in batches: every datagram
 * sent while the event loop had not yet got to the last one goes out with it, in one flush (so quiche
 * packs several into a packet and a burst leaves in one system call instead of one each), and the
 * futures of a batch complete in one executor task ({@link CompletionBatch}) instead of one hand-off
 * per datagram.
 */
final class OutgoingDatagrams {
    private record Pending(NettySession session, ByteBuf datagram, CompletableFuture<Void> result) {
    }

    /**
     * Datagrams per flush. A flush lets quiche send what the congestion window allows; writing a whole
     * large burst before it would fill quiche's datagram send queue, past which Netty drops datagrams
     * without a word, where one flush per datagram had let the queue drain in between.
     */
    static final int MAX_PER_FLUSH = 64;

    private final WtConnectionHandler connection;
    private final Queue<Pending> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    OutgoingDatagrams(WtConnectionHandler connection) {
        this.connection = connection;
    }

    /** Queues {@code datagram} (header included) for {@code session}; the future says when quiche took it. */
    CompletableFuture<Void> send(NettySession session, ByteBuf datagram) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        queue.add(new Pending(session, datagram, result));
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                connection.quic().eventLoop().execute(this::drain);
            } catch (RejectedExecutionException e) { // the connection's loop is gone
                drainScheduled.set(false);
                failAll(new WebTransportException("the datagram could not be sent: the connection is closed", e));
            }
        }
        return result;
    }

    private void drain() {
        drainScheduled.set(false); // first: a datagram queued from now on schedules the next batch
        List<Pending> written = new ArrayList<>();
        List<ChannelFuture> writes = new ArrayList<>();
        Pending p;
        while ((p = queue.poll()) != null) {
            if (!connection.core().isEstablished(p.session().id())) {
                p.datagram().release();
                Futures.failAsync(p.result(), WtConnectionHandler.notEstablished(p.session()), connection.executor());
                continue;
            }
            written.add(p);
            writes.add(connection.quic().write(p.datagram()));
            if (written.size() % MAX_PER_FLUSH == 0) {
                connection.quic().flush();
            }
        }
        if (written.isEmpty()) {
            return;
        }
        if (written.size() % MAX_PER_FLUSH != 0) {
            connection.quic().flush(); // the rest since the last full group of MAX_PER_FLUSH
        }
        List<CompletableFuture<Void>> done = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            ChannelFuture write = writes.get(i);
            CompletableFuture<Void> result = written.get(i).result();
            if (write.isDone() && write.isSuccess()) {
                done.add(result);
            } else {
                Futures.relay(write, result, null, connection.executor(),
                        cause -> new WebTransportException("the datagram could not be sent", cause));
            }
        }
        CompletionBatch.completeAll(done, connection);
    }

    private void failAll(Throwable cause) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.datagram().release();
            Futures.failAsync(p.result(), cause, connection.executor());
        }
    }
}
