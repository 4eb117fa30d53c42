package net.webtransport.streams;

import static net.webtransport.streams.ReadableStreamTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import net.webtransport.TypeError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A BYOB reader over a stream of byte chunks: reads fill the caller's buffers. */
class ByobReaderTest {
    final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static String text(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    ReadableStream<byte[]> bytes(String... chunks) {
        return bytes(executor, chunks);
    }

    ReadableStream<byte[]> bytes(java.util.concurrent.Executor executor, String... chunks) {
        AtomicReference<ReadableStreamController<byte[]>> c = new AtomicReference<>();
        ReadableStream<byte[]> stream = new ReadableStream<>(new UnderlyingSource<>() {
            @Override
            public void start(ReadableStreamController<byte[]> controller) {
                c.set(controller);
            }

            @Override
            public CompletionStage<Void> pull(ReadableStreamController<byte[]> controller) {
                return CompletableFuture.completedFuture(null);
            }
        }, QueuingStrategy.count(100), executor);
        for (String s : chunks) {
            c.get().enqueue(s.getBytes(StandardCharsets.UTF_8));
        }
        c.get().close();
        return stream;
    }

    @Test
    void eachReadFillsTheGivenBufferAndKeepsWhatDidNotFitForTheNext() throws Exception {
        ReadableStreamBYOBReader reader = ByteStreams.byobReader(bytes("hello", "world"));
        StringBuilder got = new StringBuilder();
        while (true) {
            ReadResult<ByteBuffer> r = get(reader.read(ByteBuffer.allocate(3)));
            if (r.done()) {
                assertEquals(0, r.value().remaining(), "the end gives an empty view");
                break;
            }
            assertTrue(r.value().remaining() >= 1 && r.value().remaining() <= 3);
            got.append(text(r.value())).append('|');
        }
        assertEquals("hel|lo|wor|ld|", got.toString());
    }

    @Test
    void aReadFillsFromTheViewsPositionAndTheBufferIsTheCallers() throws Exception {
        ReadableStreamBYOBReader reader = ByteStreams.byobReader(bytes("abc"));
        ByteBuffer mine = ByteBuffer.allocate(8);
        mine.put((byte) 'x');
        ReadResult<ByteBuffer> r = get(reader.read(mine));
        assertEquals("abc", text(r.value()));
        assertEquals('x', mine.get(0), "bytes before the view's position are left alone");
    }

    @Test
    void aReadServedFromLeftoverBytesStillCompletesOnTheStreamsExecutor() throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ReadableStreamBYOBReader reader = ByteStreams.byobReader(bytes(tasks::add, "hello"));
        CompletableFuture<ReadResult<ByteBuffer>> first = reader.read(ByteBuffer.allocate(2));
        runAll(tasks, first);
        assertEquals("he", text(first.get().value()));
        CompletableFuture<ReadResult<ByteBuffer>> fromLeftover = reader.read(ByteBuffer.allocate(2));
        assertFalse(fromLeftover.isDone(), "not completed on the caller's thread");
        runAll(tasks, fromLeftover);
        assertEquals("ll", text(fromLeftover.get().value()));
    }

    /** Runs the hand executor's tasks until {@code until} completes. */
    private static void runAll(java.util.Queue<Runnable> tasks, CompletableFuture<?> until) {
        for (int i = 0; i < 1000 && !until.isDone(); i++) {
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
            }
        }
    }

    @Test
    void aReadAfterTheLockWasReleasedRejectsWithATypeError() throws Exception {
        ReadableStreamBYOBReader reader = ByteStreams.byobReader(bytes("a"));
        reader.releaseLock();
        assertInstanceOf(TypeError.class, ReadableStreamTest.failure(reader.read(ByteBuffer.allocate(4))));
    }

    @Test
    void aReadIntoAViewWithoutRoomRejectsWithATypeErrorAndTheReaderKeepsTheLock() throws Exception {
        ReadableStream<byte[]> stream = bytes("a");
        ReadableStreamBYOBReader reader = ByteStreams.byobReader(stream);
        assertInstanceOf(TypeError.class, ReadableStreamTest.failure(reader.read(ByteBuffer.allocate(0))),
                "the read rejects; it does not throw");
        assertEquals("a", text(get(reader.read(ByteBuffer.allocate(4))).value()), "the rejected read took nothing");
        assertTrue(stream.locked());
        assertThrows(TypeError.class, stream::getReader);
        reader.releaseLock();
        stream.getReader();
    }
}
