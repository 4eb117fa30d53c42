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
        CompletableFuture<Void> done = new CompletableFuture<>();
        step(reader, writer, done);
        return done;
    }

    private static <T> void step(ReadableStreamDefaultReader<T> reader, WritableStreamDefaultWriter<T> writer,
                                 CompletableFuture<Void> done) {
        writer.ready().thenCompose(v -> reader.read()).whenComplete((r, e) -> {
            if (e != null) {
                Throwable cause = unwrap(e);
                // Either the source errored (abort the destination) or the destination did (cancel the source).
                writer.abort(cause).whenComplete((x, y) -> reader.cancel(cause).whenComplete((p, q) -> finish(reader, writer, done, cause)));
                return;
            }
            if (r.done()) {
                writer.close().whenComplete((x, closeError) -> finish(reader, writer, done, closeError == null ? null : unwrap(closeError)));
                return;
            }
            writer.write(r.value()).whenComplete((x, writeError) -> {
                if (writeError != null) {
                    Throwable cause = unwrap(writeError);
                    reader.cancel(cause).whenComplete((p, q) -> finish(reader, writer, done, cause));
                }
            });
            step(reader, writer, done);
        });
    }

    private static <T> void finish(ReadableStreamDefaultReader<T> reader, WritableStreamDefaultWriter<T> writer,
                                   CompletableFuture<Void> done, Throwable error) {
        reader.releaseLock();
        writer.releaseLock();
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(null);
        }
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e;
    }
}
