package net.webtransport.wpt;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import net.webtransport.transport.ReceiveStream;

/**
 * Reads a stream chunk by chunk, as upstream's handlers see it ({@code stream_data_received} with
 * the data and whether it ended the stream). The next read waits for the previous chunk's handling
 * to finish, so a handler that writes each chunk somewhere passes backpressure on.
 */
public final class Chunks {
    private Chunks() {
    }

    /** What to do with one chunk; the returned stage completes when the next may be read. */
    @FunctionalInterface
    public interface ChunkHandler {
        CompletionStage<?> onChunk(ByteBuffer data, boolean fin);
    }

    /**
     * Hands every chunk of {@code in} to {@code handler} until the FIN; a reset or failure goes to
     * {@code onFailure} instead (and ends the reading).
     */
    public static void forEach(ReceiveStream in, ChunkHandler handler, Consumer<Throwable> onFailure) {
        in.read().whenComplete((r, e) -> {
            if (e != null) {
                onFailure.accept(e);
                return;
            }
            CompletionStage<?> done;
            try {
                done = handler.onChunk(r.data(), r.fin());
            } catch (RuntimeException failure) {
                onFailure.accept(failure);
                return;
            }
            if (!r.fin()) {
                done.whenComplete((v, ignored) -> forEach(in, handler, onFailure));
            }
        });
    }

    /** A stage that is already complete, for handlers with nothing to wait for. */
    public static CompletionStage<?> done() {
        return CompletableFuture.completedFuture(null);
    }
}
