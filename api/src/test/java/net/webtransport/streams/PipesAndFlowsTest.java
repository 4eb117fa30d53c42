package net.webtransport.streams;

import static net.webtransport.streams.ReadableStreamTest.failure;
import static net.webtransport.streams.ReadableStreamTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import net.webtransport.TypeError;
import net.webtransport.streams.ReadableStreamTest.HandSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pipeTo and the java.util.concurrent.Flow adapters. */
class PipesAndFlowsTest {
    final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A sink that keeps what it takes and remembers how it ended. */
    static final class Keeping implements UnderlyingSink<String> {
        final List<String> taken = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final CompletableFuture<Object> aborted = new CompletableFuture<>();
        volatile RuntimeException failWith;

        @Override
        public CompletionStage<Void> write(String chunk, WritableStreamController controller) {
            if (failWith != null) {
                return CompletableFuture.failedFuture(failWith);
            }
            taken.add(chunk);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> close() {
            closed.complete(null);
            return closed;
        }

        @Override
        public CompletionStage<Void> abort(Object reason) {
            aborted.complete(reason);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void pipeToMovesEveryChunkInOrderAndClosesTheDestination() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> from = new ReadableStream<>(source, QueuingStrategy.count(100), executor);
        for (int i = 0; i < 500; i++) {
            source.controller.get().enqueue("c" + i);
        }
        source.controller.get().close();
        Keeping sink = new Keeping();
        get(from.pipeTo(new WritableStream<>(sink, QueuingStrategy.count(4), executor)));
        assertEquals(500, sink.taken.size());
        assertEquals("c0", sink.taken.get(0));
        assertEquals("c499", sink.taken.get(499));
        get(sink.closed);
    }

    @Test
    void aSourceErrorAbortsTheDestinationWithIt() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> from = new ReadableStream<>(source, QueuingStrategy.count(1), executor);
        Keeping sink = new Keeping();
        CompletableFuture<Void> piping = from.pipeTo(new WritableStream<>(sink, QueuingStrategy.count(1), executor));
        IllegalStateException boom = new IllegalStateException("source broke");
        source.controller.get().error(boom);
        assertSame(boom, failure(piping));
        assertSame(boom, get(sink.aborted));
    }

    @Test
    void aDestinationErrorCancelsTheSourceWithIt() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> from = new ReadableStream<>(source, QueuingStrategy.count(10), executor);
        Keeping sink = new Keeping();
        IllegalStateException boom = new IllegalStateException("sink broke");
        sink.failWith = boom;
        CompletableFuture<Void> piping = from.pipeTo(new WritableStream<>(sink, QueuingStrategy.count(1), executor));
        source.controller.get().enqueue("x");
        assertSame(boom, failure(piping));
        assertSame(boom, get(source.cancelled));
    }

    @Test
    void aLockedSourceCannotBePiped() {
        ReadableStream<String> from = new ReadableStream<>(new HandSource(), QueuingStrategy.count(1), executor);
        from.getReader();
        assertInstanceOf(TypeError.class, failure(from.pipeTo(new WritableStream<>(new Keeping(), QueuingStrategy.count(1), executor))));
    }

    @Test
    void aReadableStreamPublishesAsTheSubscriberRequests() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> from = new ReadableStream<>(source, QueuingStrategy.count(100), executor);
        for (String s : List.of("a", "b", "c")) {
            source.controller.get().enqueue(s);
        }
        source.controller.get().close();
        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        Flows.publisher(from).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
            }

            @Override
            public void onNext(String item) {
                got.add(item);
            }

            @Override
            public void onError(Throwable t) {
                complete.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                complete.complete(null);
            }
        });
        subscription.get().request(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("a", "b"), got, "no more than requested");
        subscription.get().request(5);
        get(complete);
        assertEquals(List.of("a", "b", "c"), got);
        assertFalse(from.locked(), "the finished subscription gave the lock back");
    }

    /** Records what a publisher signals. */
    static final class Recording implements Flow.Subscriber<String> {
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final CompletableFuture<Void> end = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(String item) {
        }

        @Override
        public void onError(Throwable t) {
            end.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }

    @Test
    void subscribingToALockedStreamSignalsOnErrorInsteadOfThrowing() {
        ReadableStream<String> from = new ReadableStream<>(new HandSource(), QueuingStrategy.count(10), executor);
        from.getReader();
        Recording subscriber = new Recording();
        Flows.publisher(from).subscribe(subscriber);
        assertInstanceOf(net.webtransport.TypeError.class, failure(subscriber.end));
    }

    @Test
    void aNonPositiveRequestEndsTheSubscriptionWithAnErrorAndCancelsTheStream() throws Exception {
        HandSource source = new HandSource();
        ReadableStream<String> from = new ReadableStream<>(source, QueuingStrategy.count(10), executor);
        Recording subscriber = new Recording();
        Flows.publisher(from).subscribe(subscriber);
        get(subscriber.subscription).request(0);
        assertInstanceOf(IllegalArgumentException.class, failure(subscriber.end));
        assertInstanceOf(IllegalArgumentException.class, get(source.cancelled), "the stream was cancelled with the error");
    }

    @Test
    void aSubscriberWritesEveryPublishedItemAndClosesTheStreamOnCompletion() throws Exception {
        Keeping sink = new Keeping();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>(executor, 4)) {
            publisher.subscribe(Flows.subscriber(new WritableStream<>(sink, QueuingStrategy.count(2), executor), finished));
            for (int i = 0; i < 100; i++) {
                publisher.submit("i" + i);
            }
        }
        get(finished);
        assertEquals(100, sink.taken.size());
        assertEquals("i99", sink.taken.get(99));
        assertTrue(sink.closed.isDone());
    }
}
