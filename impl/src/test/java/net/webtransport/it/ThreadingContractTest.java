package net.webtransport.it;

import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.ReadResult;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.SendStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The threading contract (package {@code net.webtransport.transport}): every future completes, and
 * every callback runs, on the owning client's or server's executor, never on a network thread; code
 * run there may block on another of the library's futures without deadlocking; a task the executor
 * refuses is reported.
 */
class ThreadingContractTest {

    /** Runs tasks on threads named {@code prefix-N}, each a little late, so a future cannot complete before the test attaches to it. */
    static ExecutorService named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(() -> {
                r.run();
            }, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                pool.execute(() -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    task.run();
                });
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
    }

    final ExecutorService clientExecutor = named("client-exec");
    final ExecutorService serverExecutor = named("server-exec");
    /** What completed or ran, and on which thread. */
    final Map<String, String> threads = new ConcurrentHashMap<>();

    @AfterEach
    void stopExecutors() {
        clientExecutor.shutdownNow();
        serverExecutor.shutdownNow();
    }

    void note(String what) {
        threads.put(what, Thread.currentThread().getName());
    }

    /**
     * Notes the thread that settles {@code future}, which must not be settled yet when handed out.
     * The test waits on the returned copy, never on {@code future} itself: a thread blocked in
     * {@code get()} may run a future's dependent actions itself, which would hide the settling thread.
     */
    <T> CompletableFuture<T> watch(String what, CompletableFuture<T> future) {
        assertFalse(future.isDone(), what + " was settled before it was returned, on the caller's thread");
        CompletableFuture<T> observed = new CompletableFuture<>();
        future.whenComplete((v, e) -> {
            note(what + (e == null ? "" : " (failed)"));
            if (e != null) {
                observed.completeExceptionally(e);
            } else {
                observed.complete(v);
            }
        });
        return observed;
    }

    void assertAllOn(String prefix, String... whats) {
        for (String what : whats) {
            String thread = threads.get(what);
            assertTrue(thread != null && thread.startsWith(prefix), what + " ran on " + thread + ", not on " + prefix);
        }
    }

    @Test
    void everyFutureAndCallbackOfBothEndsRunsOnItsOwnersExecutor() throws Exception {
        CompletableFuture<Session> serverSession = new CompletableFuture<>();
        SessionHandler serverHandler = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                note("server onOpen");
                if (session.path().equals("/main")) {
                    serverSession.complete(session);
                }
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                note("server onBidirectionalStream");
                watch("server read", stream.readable().read()).thenAccept(first ->
                        Loopback.readAll(stream.readable()).thenAccept(rest -> {
                            ByteBuffer all = ByteBuffer.allocate(first.data().remaining() + rest.length);
                            all.put(first.data()).put(rest).flip();
                            watch("server write", stream.writable().write(all, true));
                        }));
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                note("server onUnidirectionalStream");
                stream.stopSending(5);
            }

            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                note("server onDatagram");
                watch("server sendDatagram", session.sendDatagram(payload));
            }

            @Override
            public void onClosed(Session session, CloseInfo info) {
                note("server onClosed");
            }
        };
        CompletableFuture<Void> clientClosed = new CompletableFuture<>();
        SessionHandler clientHandler = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                note("client onOpen");
            }

            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                note("client onDatagram");
            }

            @Override
            public void onDraining(Session session) {
                note("client onDraining");
            }

            @Override
            public void onClosed(Session session, CloseInfo info) {
                note("client onClosed");
                clientClosed.complete(null);
            }
        };
        try (WebTransportServer server = WebTransportServer.builder().certificate(Loopback.CERTIFICATE).executor(serverExecutor)
                     .handler(r -> {
                         note("server handler");
                         return r.path().startsWith("/refuse") ? ConnectResponse.reject(403) : ConnectResponse.accept(serverHandler);
                     }).start();
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf())
                     .executor(clientExecutor).build()) {
            URI base = URI.create("https://localhost:" + server.port());
            watch("connect", client.connect(base.resolve("/"), clientHandler));
            Session session = client.connect(base.resolve("/main"), clientHandler).get(5, TimeUnit.SECONDS);
            watch("connect", client.connect(base.resolve("/"), clientHandler)).get(5, TimeUnit.SECONDS);
            watch("connect", client.connect(base.resolve("/refuse"), clientHandler)).handle((s, e) -> null).get(5, TimeUnit.SECONDS);
            Session atServer = serverSession.get(5, TimeUnit.SECONDS);

            BidirectionalStream stream = watch("openBidirectionalStream", session.openBidirectionalStream()).get(5, TimeUnit.SECONDS);
            watch("write", stream.writable().write(utf8("ping"))).get(5, TimeUnit.SECONDS);
            watch("finish", stream.writable().finish()).get(5, TimeUnit.SECONDS);
            java.io.ByteArrayOutputStream echoed = new java.io.ByteArrayOutputStream();
            ReadResult r;
            do { // the echo may come in more than one read
                r = watch("read", stream.readable().read()).get(5, TimeUnit.SECONDS);
                echoed.writeBytes(toBytes(r.data()));
            } while (!r.fin());
            assertEquals("ping", utf8(echoed.toByteArray()));

            SendStream stopped = watch("openUnidirectionalStream", session.openUnidirectionalStream()).get(5, TimeUnit.SECONDS);
            CompletableFuture<Void> failedWrite = null;
            for (int i = 0; i < 200 && failedWrite == null; i++) { // until the server's STOP_SENDING arrives
                CompletableFuture<Void> w = watch("write to a stopped stream", stopped.write(utf8("x")));
                try {
                    w.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failedWrite = w;
                }
            }
            assertTrue(failedWrite != null, "a write failed once the server stopped the stream");

            watch("sendDatagram", session.sendDatagram(utf8("d"))).get(5, TimeUnit.SECONDS);
            watch("exportKeyingMaterial", session.exportKeyingMaterial(new byte[] {1}, new byte[0], 16)).get(5, TimeUnit.SECONDS);
            CompletableFuture<Void> draining = watch("draining", session.draining());
            atServer.drain();
            draining.get(5, TimeUnit.SECONDS);
            BidirectionalStream idle = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            CompletableFuture<CloseInfo> closed = watch("closed", session.closed());
            watch("close", session.close(3, "bye")).get(5, TimeUnit.SECONDS);
            closed.get(5, TimeUnit.SECONDS);
            clientClosed.get(5, TimeUnit.SECONDS);
            watch("openBidirectionalStream on a closed session", session.openBidirectionalStream()).handle((s, e) -> null).get(5, TimeUnit.SECONDS);
            watch("sendDatagram on a closed session", session.sendDatagram(utf8("late"))).handle((s, e) -> null).get(5, TimeUnit.SECONDS);
            watch("exportKeyingMaterial on a closed session", session.exportKeyingMaterial(new byte[0], new byte[0], 16))
                    .handle((s, e) -> null).get(5, TimeUnit.SECONDS);
            watch("write on a closed session", idle.writable().write(utf8("late"))).handle((s, e) -> null).get(5, TimeUnit.SECONDS);
            watch("read on a closed session", idle.readable().read()).handle((s, e) -> null).get(5, TimeUnit.SECONDS);
            waitFor(() -> threads.containsKey("server onClosed"));
            waitFor(() -> threads.containsKey("server sendDatagram"));
        }
        assertAllOn("client-exec", "connect", "connect (failed)", "client onOpen", "openBidirectionalStream", "write",
                "finish", "read", "openUnidirectionalStream", "write to a stopped stream (failed)", "sendDatagram",
                "draining", "client onDraining", "close", "closed", "client onClosed",
                "openBidirectionalStream on a closed session (failed)", "sendDatagram on a closed session (failed)",
                "exportKeyingMaterial", "exportKeyingMaterial on a closed session (failed)",
                "write on a closed session (failed)", "read on a closed session (failed)");
        assertAllOn("server-exec", "server handler", "server onOpen", "server onBidirectionalStream", "server read",
                "server write", "server onUnidirectionalStream", "server onDatagram", "server sendDatagram", "server onClosed");
    }

    @Test
    void aReadCompletionMayBlockOnTheNextReadOfTheSameStream() throws Exception {
        CompletableFuture<String> secondChunk = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                stream.readable().read().thenAccept(first -> {
                    stream.writable().write(utf8("a"));
                    try {
                        // Blocking here, inside a completion, on another of the library's futures.
                        ReadResult second = stream.readable().read().get(5, TimeUnit.SECONDS);
                        secondChunk.complete(utf8(toBytes(second.data())));
                    } catch (Exception e) {
                        secondChunk.completeExceptionally(e);
                    }
                });
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            // One byte at a time, so that no message can arrive split over two reads.
            stream.writable().write(utf8("1")).get(5, TimeUnit.SECONDS);
            // "2" goes only after the server took "1": the server's second read has to wait for it.
            FinTest.readExactly(stream.readable(), 1, new java.io.ByteArrayOutputStream()).get(5, TimeUnit.SECONDS);
            stream.writable().write(utf8("2")).get(5, TimeUnit.SECONDS);
            assertEquals("2", secondChunk.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aDatagramsCompletionMayBlockOnTheFutureOfADatagramSentWithIt() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new SessionHandler() { }))) {
            Session session = loop.connect("/", new SessionHandler() { });
            for (int round = 0; round < 20; round++) {
                // Sent back to back, so the second goes out in the same burst as the first.
                CompletableFuture<Void> first = session.sendDatagram(utf8("first"));
                CompletableFuture<Void> second = session.sendDatagram(utf8("second"));
                CompletableFuture<String> blocked = first.thenApply(v -> {
                    try {
                        second.get(5, TimeUnit.SECONDS); // blocking inside a completion on another of the library's futures
                        return "second sent";
                    } catch (Exception e) {
                        return "second not settled while the first's completion waited: " + e;
                    }
                });
                assertEquals("second sent", blocked.get(10, TimeUnit.SECONDS), "round " + round);
            }
        }
    }

    @Test
    void aSessionCallbackMayBlockUntilThePeerDrainsAndClosesTheSession() throws Exception {
        CompletableFuture<Void> blocking = new CompletableFuture<>();
        CompletableFuture<String> seen = new CompletableFuture<>();
        SessionHandler server = new SessionHandler() {
            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                blocking.complete(null);
                try {
                    // Blocking in a callback, so the session's later callbacks queue behind this one.
                    session.draining().get(5, TimeUnit.SECONDS);
                    CloseInfo info = session.closed().get(5, TimeUnit.SECONDS);
                    seen.complete("drained, then closed with " + info.errorCode());
                } catch (Exception e) {
                    seen.complete("not settled while a callback of the session waited: " + e);
                }
            }
        };
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(server))) {
            Session session = loop.connect("/", new SessionHandler() { });
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            stream.writable().write(utf8("x")).get(5, TimeUnit.SECONDS);
            blocking.get(5, TimeUnit.SECONDS);
            session.drain();
            session.close(7, "bye").get(5, TimeUnit.SECONDS);
            assertEquals("drained, then closed with 7", seen.get(15, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTaskTheExecutorRefusesIsReportedNotSwallowed() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("net.webtransport");
        root.addHandler(capture);
        ExecutorService refusing = Executors.newSingleThreadExecutor();
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()));
             WebTransportClient client = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf())
                     .executor(refusing).build()) {
            Session session = client.connect(loop.uri("/"), new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            BidirectionalStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            refusing.shutdown(); // from now on it refuses every task
            CompletableFuture<Void> write = stream.writable().write(utf8("x"));
            waitFor(() -> !warnings.isEmpty());
            assertFalse(write.isDone(), "nothing completed on a network thread instead");
            assertTrue(warnings.get(0).getMessage().contains("refused"), warnings.get(0).getMessage());
        } finally {
            root.removeHandler(capture);
        }
    }

    static byte[] toBytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }
}
