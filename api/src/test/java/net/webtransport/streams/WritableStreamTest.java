package net.webtransport.streams;

import static net.webtransport.streams.ReadableStreamTest.failure;
import static net.webtransport.streams.ReadableStreamTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import net.webtransport.TypeError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WritableStream with a default writer, as the WHATWG Streams standard specifies it. */
class WritableStreamTest {
    final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A sink whose writes complete when the test says so. */
    static final class HandSink implements UnderlyingSink<String> {
        final BlockingQueue<CompletableFuture<Void>> writes = new LinkedBlockingQueue<>();
        final List<String> taken = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final CompletableFuture<Object> aborted = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> write(String chunk, WritableStreamController controller) {
            taken.add(chunk);
            CompletableFuture<Void> w = new CompletableFuture<>();
            writes.add(w);
            return w;
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

        CompletableFuture<Void> nextWrite() throws InterruptedException {
            return writes.poll(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void chunksReachTheSinkOneAtATimeInOrder() throws Exception {
        HandSink sink = new HandSink();
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(sink, QueuingStrategy.count(10), executor).getWriter();
        CompletableFuture<Void> a = writer.write("a");
        CompletableFuture<Void> b = writer.write("b");
        CompletableFuture<Void> first = sink.nextWrite();
        assertEquals(List.of("a"), sink.taken, "b waits until a is taken");
        first.complete(null);
        get(a);
        sink.nextWrite().complete(null);
        get(b);
        assertEquals(List.of("a", "b"), sink.taken);
    }

    @Test
    void desiredSizeCountsChunksUntilTheSinkTookThemAndReadyWaitsWhileThereIsNoRoom() throws Exception {
        HandSink sink = new HandSink();
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(sink, QueuingStrategy.count(2), executor).getWriter();
        get(writer.ready());
        writer.write("a");
        writer.write("b");
        assertEquals(0.0, writer.desiredSize());
        CompletableFuture<Void> ready = writer.ready();
        assertFalse(ready.isDone(), "no room: ready waits");
        sink.nextWrite().complete(null);
        get(ready);
        assertEquals(1.0, writer.desiredSize());
    }

    @Test
    void aHighWaterMarkOfZeroStartsWithBackpressure() {
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(new HandSink(), QueuingStrategy.count(0), executor).getWriter();
        assertFalse(writer.ready().isDone());
    }

    @Test
    void closeWaitsForWrittenChunksThenClosesTheSinkAndLaterWritesFail() throws Exception {
        HandSink sink = new HandSink();
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(sink, QueuingStrategy.count(10), executor).getWriter();
        writer.write("a");
        CompletableFuture<Void> close = writer.close();
        assertFalse(sink.closed.isDone(), "the sink closes after the queued chunk");
        sink.nextWrite().complete(null);
        get(close);
        get(writer.closed());
        assertInstanceOf(TypeError.class, failure(writer.write("late")));
        assertInstanceOf(TypeError.class, failure(writer.close()));
        assertEquals(0.0, writer.desiredSize());
    }

    @Test
    void abortDropsQueuedChunksFailsTheirWritesAndTellsTheSinkAfterTheWriteInFlight() throws Exception {
        HandSink sink = new HandSink();
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(sink, QueuingStrategy.count(10), executor).getWriter();
        CompletableFuture<Void> inFlight = writer.write("a");
        CompletableFuture<Void> queued = writer.write("b");
        CompletableFuture<Void> sinkWrite = sink.nextWrite();
        RuntimeException reason = new RuntimeException("stop");
        CompletableFuture<Void> abort = writer.abort(reason);
        assertSame(reason, failure(writer.ready()));
        assertNull(writer.desiredSize());
        assertFalse(sink.aborted.isDone(), "the sink hears of it once the write in flight is done");
        sinkWrite.complete(null);
        get(inFlight);
        assertSame(reason, failure(queued));
        assertSame(reason, get(sink.aborted));
        get(abort);
        assertSame(reason, failure(writer.closed()));
        assertEquals(List.of("a"), sink.taken);
    }

    @Test
    void anAbortWithoutAReasonFailsLaterWritesWithAnAbortErrorThatSaysSo() throws Exception {
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(new HandSink(), QueuingStrategy.count(10), executor).getWriter();
        get(writer.abort(null));
        Throwable e = failure(writer.write("x"));
        assertInstanceOf(net.webtransport.AbortError.class, e);
        assertEquals("the stream was aborted", e.getMessage(), "not the text \"null\"");
    }

    @Test
    void afterReleaseLockTheWritersClosedFailsWithATypeErrorEvenIfTheStreamHadClosed() throws Exception {
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(new HandSink(), QueuingStrategy.count(10), executor).getWriter();
        get(writer.close());
        get(writer.closed());
        writer.releaseLock();
        assertInstanceOf(TypeError.class, failure(writer.closed()));
    }

    @Test
    void anAbortWaitingOnAFailingCloseFailsWithTheClosesErrorAndTheSinkIsNotAbortedToo() throws Exception {
        CompletableFuture<Void> sinkClose = new CompletableFuture<>();
        CompletableFuture<Object> sinkAborted = new CompletableFuture<>();
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(new UnderlyingSink<String>() {
            @Override
            public CompletionStage<Void> write(String chunk, WritableStreamController controller) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<Void> close() {
                return sinkClose;
            }

            @Override
            public CompletionStage<Void> abort(Object reason) {
                sinkAborted.complete(reason);
                return CompletableFuture.completedFuture(null);
            }
        }, QueuingStrategy.count(10), executor).getWriter();
        CompletableFuture<Void> close = writer.close();
        CompletableFuture<Void> abort = writer.abort("stop");
        RuntimeException closeFailed = new RuntimeException("the close failed");
        sinkClose.completeExceptionally(closeFailed);
        assertSame(closeFailed, failure(close));
        assertSame(closeFailed, failure(abort));
        assertFalse(sinkAborted.isDone(), "the sink whose close failed is not asked to abort");
    }

    @Test
    void aSinkWriteThatFailsErrorsTheStream() throws Exception {
        HandSink sink = new HandSink();
        WritableStreamDefaultWriter<String> writer = new WritableStream<>(sink, QueuingStrategy.count(10), executor).getWriter();
        CompletableFuture<Void> a = writer.write("a");
        CompletableFuture<Void> b = writer.write("b");
        IllegalStateException boom = new IllegalStateException("sink broke");
        sink.nextWrite().completeExceptionally(boom);
        assertSame(boom, failure(a));
        assertSame(boom, failure(b));
        assertSame(boom, failure(writer.closed()));
        assertSame(boom, failure(writer.write("c")));
    }

    @Test
    void aLockedStreamGivesNoSecondWriterAndReleasingTheLockFailsReadyAndClosed() {
        WritableStream<String> stream = new WritableStream<>(new HandSink(), QueuingStrategy.count(0), executor);
        WritableStreamDefaultWriter<String> writer = stream.getWriter();
        assertTrue(stream.locked());
        assertThrows(TypeError.class, stream::getWriter);
        assertInstanceOf(TypeError.class, failure(stream.abort("x")));
        CompletableFuture<Void> ready = writer.ready();
        writer.releaseLock();
        assertInstanceOf(TypeError.class, failure(ready));
        assertInstanceOf(TypeError.class, failure(writer.closed()));
        assertInstanceOf(TypeError.class, failure(writer.write("x")));
        assertFalse(stream.locked());
    }

    @Test
    void thousandsOfWritesFromSeveralThreadsAllReachTheSinkOnce() throws Exception {
        List<String> taken = new CopyOnWriteArrayList<>();
        WritableStream<String> stream = new WritableStream<>((chunk, c) -> {
            taken.add(chunk);
            return CompletableFuture.completedFuture(null);
        }, QueuingStrategy.count(16), executor);
        WritableStreamDefaultWriter<String> writer = stream.getWriter();
        List<CompletableFuture<Void>> all = new CopyOnWriteArrayList<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2500; i++) {
                    all.add(writer.write(id + ":" + i));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        get(writer.close());
        assertEquals(10_000, taken.size());
        assertEquals(10_000, taken.stream().distinct().count());
    }

    @Test
    void aSinkThatTakesEveryChunkAtOnceIsFedWithoutDeepeningTheStack() throws Exception {
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        WritableStream<String> stream = new WritableStream<>(new UnderlyingSink<>() {
            @Override
            public CompletionStage<Void> write(String chunk, WritableStreamController c) {
                if (taken.incrementAndGet() == 1) {
                    // The first write waits, so 200,000 more pile up behind it, then all go at once.
                    return CompletableFuture.runAsync(() -> {
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                return CompletableFuture.completedFuture(null);
            }
        }, QueuingStrategy.count(Double.POSITIVE_INFINITY), executor);
        WritableStreamDefaultWriter<String> writer = stream.getWriter();
        CompletableFuture<Void> last = null;
        for (int i = 0; i < 200_000; i++) {
            last = writer.write("x");
        }
        gate.countDown();
        last.get(30, TimeUnit.SECONDS);
        assertEquals(200_000, taken.get());
    }
}
