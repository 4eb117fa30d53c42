package net.webtransport.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link ReadableStream#pipeTo}: moves chunks from a reader to a writer, one read at a time, each
 * write waiting for the writer's {@code ready} (WHATWG §"ReadableStreamPipeTo", without the
 * prevent* options: the end, an error or a cancel always reaches the other side).
 */
final class Pipes {
    private Pipes() {
    }

    static <T> CompletableFuture<Void> pipe(ReadableStream<T> source, WritableStream<T> destination) {
        ReadableStreamDefaultReader<T> reader = source.getReader();
        WritableStreamDefaultWriter<T> writer;
        try {
            writer = destination.getWriter();
        } catch (RuntimeException locked) {
            reader.releaseLock();
            return source.failed(locked);
        }
        Pipe<T> pipe = new Pipe<>(reader, writer);
        pipe.step();
        return pipe.done;
    }

    /**
     * One pipe's state. A failed write and the read loop can both end the pipe; {@code finished}
     * lets only the first release the locks and settle the result.
     */
    private static final class Pipe<T> {
        final ReadableStreamDefaultReader<T> reader;
        final WritableStreamDefaultWriter<T> writer;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

        Pipe(ReadableStreamDefaultReader<T> reader, WritableStreamDefaultWriter<T> writer) {
            this.reader = reader;
            this.writer = writer;
        }

        void step() {
            writer.ready().thenCompose(v -> reader.read()).whenComplete((r, e) -> {
                if (finished.get()) {
                    return; // a failed write ended the pipe meanwhile
                }
                if (e != null) {
                    Throwable cause = unwrap(e);
                    // Either the source errored (abort the destination) or the destination did (cancel the source).
                    writer.abort(cause).whenComplete((x, y) -> reader.cancel(cause).whenComplete((p, q) -> finish(cause)));
                    return;
                }
                if (r.done()) {
                    writer.close().whenComplete((x, closeError) -> finish(closeError == null ? null : unwrap(closeError)));
                    return;
                }
                writer.write(r.value()).whenComplete((x, writeError) -> {
                    if (writeError != null) {
                        Throwable cause = unwrap(writeError);
                        reader.cancel(cause).whenComplete((p, q) -> finish(cause));
                    }
                });
                step();
            });
        }

        private void finish(Throwable error) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            reader.releaseLock();
            writer.releaseLock();
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        }
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e;
    }
}
