package net.webtransport.internal.w3c;

import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.webtransport.AbortError;
import net.webtransport.WebTransportError;
import net.webtransport.WebTransportErrorSource;
import net.webtransport.spi.StreamHandle;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.StreamResetException;
import net.webtransport.transport.StreamStoppedException;

/**
 * The W3C API's view of a transport stream: its halves, with the transport's failures turned into
 * the errors the W3C algorithms give (W3C §"WebTransportSendStream", §"WebTransportReceiveStream").
 */
final class StreamHandles {
    private StreamHandles() {
    }

    static StreamHandle of(BidirectionalStream stream) {
        return new Handle(stream.writable(), stream.readable());
    }

    static StreamHandle of(SendStream stream) {
        return new Handle(stream, null);
    }

    static StreamHandle of(ReceiveStream stream) {
        return new Handle(null, stream);
    }

    /**
     * A failure as the W3C API reports it: the peer's reset or STOP_SENDING is a stream
     * WebTransportError with its code (null when the code cannot be known), a local close of the
     * session an AbortError, the session's end otherwise a session WebTransportError.
     */
    static Throwable translate(Throwable failure) {
        Throwable t = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return switch (t) {
            case StreamResetException r -> new WebTransportError("the peer reset the stream", WebTransportErrorSource.STREAM,
                    r.errorCode() == StreamResetException.NO_CODE ? null : r.errorCode());
            case StreamStoppedException s -> new WebTransportError("the peer stopped the stream", WebTransportErrorSource.STREAM,
                    s.errorCode() == StreamStoppedException.NO_CODE ? null : s.errorCode());
            case SessionClosedException s when s.closeInfo().local() -> new AbortError("the transport was closed");
            case SessionClosedException s -> WebTransportError.session(s.getMessage());
            case CancellationException c -> new AbortError("reading was cancelled");
            case net.webtransport.transport.StreamLimitException l -> new net.webtransport.QuotaExceededError(l.getMessage());
            default -> t;
        };
    }

    private record Handle(SendStream send, ReceiveStream receive) implements StreamHandle {
        @Override
        public boolean canSend() {
            return send != null;
        }

        @Override
        public boolean canReceive() {
            return receive != null;
        }

        @Override
        public CompletableFuture<Void> write(byte[] chunk) {
            return rethrown(send.write(ByteBuffer.wrap(chunk)));
        }

        @Override
        public CompletableFuture<Boolean> writeAtomic(byte[] chunk) {
            return rethrown(send.writeAtomic(ByteBuffer.wrap(chunk)));
        }

        @Override
        public CompletableFuture<Void> finish() {
            return rethrown(send.finish());
        }

        @Override
        public void reset(long errorCode, long committedOffset) {
            if (committedOffset > 0) {
                send.reset(errorCode, committedOffset);
            } else {
                send.reset(errorCode);
            }
        }

        @Override
        public void sendOrder(long order) {
            send.sendOrder(order);
        }

        @Override
        public void sendGroup(long group) {
            send.sendGroup(group);
        }

        @Override
        public CompletableFuture<Received> read() {
            return rethrown(receive.read().thenApply(r -> {
                byte[] data = new byte[r.data().remaining()];
                r.data().get(data);
                return new Received(data, r.fin());
            }));
        }

        @Override
        public void stopSending(long errorCode) {
            receive.stopSending(errorCode);
        }

        @Override
        public long bytesWritten() {
            return send == null ? 0 : send.bytesWritten();
        }

        @Override
        public long bytesSent() {
            return send == null ? 0 : send.bytesSent();
        }

        @Override
        public long bytesReceived() {
            return receive == null ? 0 : receive.bytesReceived();
        }

        @Override
        public long bytesRead() {
            return receive == null ? 0 : receive.bytesRead();
        }

        private static <T> CompletableFuture<T> rethrown(CompletableFuture<T> f) {
            CompletableFuture<T> out = new CompletableFuture<>();
            f.whenComplete((v, e) -> {
                if (e != null) {
                    out.completeExceptionally(translate(e));
                } else {
                    out.complete(v);
                }
            });
            return out;
        }
    }
}
