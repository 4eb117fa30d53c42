package net.webtransport.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.webtransport.TypeError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ReadableStream with a default reader, as the WHATWG Streams standard specifies it. */
class ReadableStreamTest {
    final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A source the test drives by hand through its controller. */
    static final class HandSource implements UnderlyingSource<String> {
        final AtomicReference<ReadableStreamController<String>> controller = new AtomicReference<>();
        final AtomicInteger pulls = new AtomicInteger();
        final CompletableFuture<Object> cancelled = new CompletableFuture<>();

        @Override
        public void start(ReadableStreamController<String> c) {
            controller.set(c);
        }

        @Override
        public CompletionStage<Void> pull(ReadableStreamController<String> c) {
            pulls.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> cancel(Object reason) {
            cancelled.complete(reason);
            return CompletableFuture.completedFuture(null);
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void chunksEnqueuedBeforeAReadAreReadInOrderThenTheEndAfterClose() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(10), executor);
        source.controller.get().enqueue("a");
        source.controller.get().enqueue("b");
        source.controller.get().close();
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        assertEquals(new ReadResult<>("a", false), get(reader.read()));
        assertEquals(new ReadResult<>("b", false), get(reader.read()));
        assertEquals(new ReadResult<String>(null, true), get(reader.read()));
        get(reader.closed());
    }

    @Test
    void afterReleaseLockTheReadersClosedFailsWithATypeErrorEvenIfTheStreamHadClosed() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(10), executor);
        source.controller.get().close();
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        get(reader.closed());
        reader.releaseLock();
        assertInstanceOf(TypeError.class, failure(reader.closed()));
    }

    @Test
    void aStrategySizeThatThrowsErrorsTheStreamAndReachesTheEnqueuer() throws Exception {
        HandSource source = new HandSource();
        IllegalStateException bad = new IllegalStateException("no size for this one");
        QueuingStrategy<String> throwing = new QueuingStrategy<>(10, chunk -> {
            throw bad;
        });
        ReadableStream<String> stream = new ReadableStream<>(source, throwing, executor);
        assertSame(bad, assertThrows(IllegalStateException.class, () -> source.controller.get().enqueue("x")));
        assertSame(bad, failure(stream.getReader().read()), "the stream errored with it");
    }

    @Test
    void aWaitingReadGetsTheNextChunkDirectly() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(0), executor);
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        CompletableFuture<ReadResult<String>> read = reader.read();
        assertFalse(read.isDone());
        source.controller.get().enqueue("x");
        assertEquals("x", get(read).value());
        assertEquals(0.0, source.controller.get().desiredSize(), "nothing queued, high-water mark 0");
    }

    @Test
    void theSourceIsPulledWhileTheQueueIsUnderTheHighWaterMarkOrAReadWaits() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(0), executor);
        assertEquals(0, source.pulls.get(), "high-water mark 0: no pull until someone reads");
        stream.getReader().read();
        assertEquals(1, source.pulls.get());
        HandSource eager = new HandSource();
        new ReadableStream<>(eager, QueuingStrategy.count(1), executor);
        assertEquals(1, eager.pulls.get(), "room in the queue: pulled at once");
    }

    @Test
    void desiredSizeIsTheHighWaterMarkMinusWhatIsQueuedByTheStrategysSize() {
        HandSource source = new HandSource();
        new ReadableStream<>(source, new QueuingStrategy<>(10, s -> s.length()), executor);
        source.controller.get().enqueue("abcd");
        assertEquals(6.0, source.controller.get().desiredSize());
    }

    @Test
    void anErroredStreamFailsWaitingAndLaterReadsAndTheReadersClosedWithTheError() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(1), executor);
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        CompletableFuture<ReadResult<String>> waiting = reader.read();
        IllegalStateException boom = new IllegalStateException("boom");
        source.controller.get().error(boom);
        assertSame(boom, failure(waiting));
        assertSame(boom, failure(reader.read()));
        assertSame(boom, failure(reader.closed()));
        assertNull(source.controller.get().desiredSize());
    }

    @Test
    void aLockedStreamGivesNoSecondReaderAndCannotBeCancelledDirectly() throws Exception {
        ReadableStream<String> stream = new ReadableStream<>(new HandSource(), QueuingStrategy.count(1), executor);
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        assertTrue(stream.locked());
        assertThrows(TypeError.class, stream::getReader);
        assertInstanceOf(TypeError.class, failure(stream.cancel("why")));
        reader.releaseLock();
        assertFalse(stream.locked());
        stream.getReader();
    }

    @Test
    void releasingTheLockFailsWaitingReadsAndClosedWithATypeError() {
        ReadableStream<String> stream = new ReadableStream<>(new HandSource(), QueuingStrategy.count(1), executor);
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        CompletableFuture<ReadResult<String>> waiting = reader.read();
        reader.releaseLock();
        assertInstanceOf(TypeError.class, failure(waiting));
        assertInstanceOf(TypeError.class, failure(reader.closed()));
        assertInstanceOf(TypeError.class, failure(reader.read()));
    }

    @Test
    void cancelDropsTheQueueEndsWaitingReadsAndTellsTheSourceTheReason() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(5), executor);
        source.controller.get().enqueue("dropped");
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        get(reader.cancel("no longer needed"));
        assertEquals("no longer needed", get(source.cancelled));
        assertTrue(get(reader.read()).done());
        assertThrows(TypeError.class, () -> source.controller.get().enqueue("late"));
    }

    @Test
    void aPullThatFailsErrorsTheStream() throws Exception {
        IllegalStateException boom = new IllegalStateException("source broke");
        ReadableStream<String> stream = new ReadableStream<>(new UnderlyingSource<>() {
            @Override
            public CompletionStage<Void> pull(ReadableStreamController<String> c) {
                return CompletableFuture.failedFuture(boom);
            }
        }, QueuingStrategy.count(1), executor);
        assertSame(boom, failure(stream.getReader().read()));
    }

    @Test
    void manyConcurrentEnqueuesAreReadExactlyOnceInOrder() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> stream = new ReadableStream<>(source, QueuingStrategy.count(Double.POSITIVE_INFINITY), executor);
        for (int i = 0; i < 10_000; i++) {
            source.controller.get().enqueue(Integer.toString(i));
        }
        source.controller.get().close();
        ReadableStreamDefaultReader<String> reader = stream.getReader();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Integer.toString(i), get(reader.read()).value());
        }
        assertTrue(get(reader.read()).done());
    }
}
