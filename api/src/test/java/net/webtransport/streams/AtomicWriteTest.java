package net.webtransport.streams;

import static net.webtransport.streams.ReadableStreamTest.failure;
import static net.webtransport.streams.ReadableStreamTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.AbortError;
import net.webtransport.TypeError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes a sink may refuse whole, as WebTransport's {@code atomicWrite} needs them (W3C "abort all
 * atomic write requests"), on the streams model.
 */
class AtomicWriteTest {
    final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A sink that takes plain writes at once and answers atomic ones when the test says so. */
    static final class RefusingSink implements UnderlyingSink<String> {
        final List<String> taken = new CopyOnWriteArrayList<>();
        final BlockingQueue<CompletableFuture<Boolean>> atomic = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<Void> write(String chunk, WritableStreamController controller) {
            taken.add(chunk);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> writeAtomic(String chunk, WritableStreamController controller) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            atomic.add(answer);
            return answer.thenApply(took -> {
                if (took) {
                    taken.add(chunk);
                }
                return took;
            });
        }

        CompletableFuture<Boolean> next() throws InterruptedException {
            return atomic.poll(5, TimeUnit.SECONDS);
        }
    }

    /** A writer that exposes the protected atomic write, as WebTransportWriter does. */
    static final class AtomicWriter extends WritableStreamDefaultWriter<String> {
        AtomicWriter(WritableStream<String> stream) {
            super(stream);
        }

        CompletableFuture<Void> atomicWrite(String chunk) {
            return writeAtomic(chunk);
        }
    }

    @Test
    void aRefusedAtomicWriteAndTheAtomicWritesQueuedBehindItRejectWithAbortErrorAndTheStreamStaysWritable() throws Exception {
        RefusingSink sink = new RefusingSink();
        WritableStream<String> stream = new WritableStream<>(sink, QueuingStrategy.count(10), executor);
        AtomicWriter writer = new AtomicWriter(stream);
        CompletableFuture<Void> first = writer.atomicWrite("big");
        CompletableFuture<Void> second = writer.atomicWrite("next");
        sink.next().complete(false);
        assertInstanceOf(AbortError.class, failure(first));
        assertInstanceOf(AbortError.class, failure(second), "queued atomic writes are refused with it");
        assertNull(sink.atomic.poll(100, TimeUnit.MILLISECONDS), "the sink never saw the second one");
        assertEquals(10.0, writer.desiredSize(), "the refused writes left the queue");
        get(writer.write("after"));
        assertEquals(List.of("after"), sink.taken, "the stream is still writable");
    }

    @Test
    void aPlainWriteQueuedBehindARefusedAtomicWriteErrorsTheStreamWithAbortError() throws Exception {
        RefusingSink sink = new RefusingSink();
        WritableStream<String> stream = new WritableStream<>(sink, QueuingStrategy.count(10), executor);
        AtomicWriter writer = new AtomicWriter(stream);
        CompletableFuture<Void> atomic = writer.atomicWrite("big");
        CompletableFuture<Void> plain = writer.write("plain");
        sink.next().complete(false);
        assertInstanceOf(AbortError.class, failure(atomic));
        assertInstanceOf(AbortError.class, failure(plain));
        assertInstanceOf(AbortError.class, failure(writer.closed()), "the stream errored");
        assertNull(writer.desiredSize(), "an errored stream has no desired size");
    }

    @Test
    void anAcceptedAtomicWriteCompletesLikeAPlainOne() throws Exception {
        RefusingSink sink = new RefusingSink();
        AtomicWriter writer = new AtomicWriter(new WritableStream<>(sink, QueuingStrategy.count(10), executor));
        CompletableFuture<Void> atomic = writer.atomicWrite("fits");
        CompletableFuture<Void> plain = writer.write("plain");
        sink.next().complete(true);
        get(atomic);
        get(plain);
        assertEquals(List.of("fits", "plain"), sink.taken);
    }

    @Test
    void anAtomicWriteThroughAReleasedWriterRejectsWithTypeError() {
        AtomicWriter writer = new AtomicWriter(new WritableStream<>(new RefusingSink(), QueuingStrategy.count(10), executor));
        writer.releaseLock();
        assertInstanceOf(TypeError.class, failure(writer.atomicWrite("x")));
    }

    @Test
    void aSecondWriterOnALockedStreamIsATypeError() {
        WritableStream<String> stream = new WritableStream<>(new RefusingSink(), QueuingStrategy.count(10), executor);
        new AtomicWriter(stream);
        TypeError e = org.junit.jupiter.api.Assertions.assertThrows(TypeError.class, () -> new AtomicWriter(stream));
        assertTrue(stream.locked(), e.getMessage());
    }
}
