package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.InvalidStateError;
import net.webtransport.RangeError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportCloseInfo;
import net.webtransport.WebTransportError;
import net.webtransport.WebTransportErrorSource;
import net.webtransport.WebTransportReliabilityMode;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;
import org.junit.jupiter.api.Test;

/** ready, closed, draining and close() with the W3C API's rules, against this project's server. */
class SessionLifecycleTest {

    static Throwable failureOf(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void readyResolvesOnACompletedHandshakeAndReliabilityAndResponseHeadersAreSetThen() throws Exception {
        try (W3cServer server = new W3cServer()) {
            CompletableFuture<Void> go = new CompletableFuture<>();
            server.route = r -> ConnectResponse.accept(server.recording(), HttpFields.of("x-test-header", "hello",
                    "set-cookie", "a=b"));
            server.answerAfter(go);
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            assertNull(wt.responseHeaders(), "responseHeaders is null before ready");
            assertEquals(WebTransportReliabilityMode.PENDING, wt.reliability());
            go.complete(null);
            wt.ready().get(10, TimeUnit.SECONDS);
            assertEquals(WebTransportReliabilityMode.SUPPORTS_UNRELIABLE, wt.reliability());
            assertEquals("hello", wt.responseHeaders().get("x-test-header"));
            assertFalse(wt.responseHeaders().has("set-cookie"), "cookies are hidden");
            assertFalse(wt.responseHeaders().has(":status"));
            assertEquals("", wt.protocol());
            wt.close();
        }
    }

    @Test
    void codeChainedOnDrainingMayBlockUntilClosedResolves() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            CompletableFuture<String> seen = new CompletableFuture<>();
            wt.draining().thenRun(() -> {
                try {
                    seen.complete("closed with " + wt.closed().get(5, TimeUnit.SECONDS).closeCode());
                } catch (Exception e) {
                    seen.complete("closed did not resolve while code chained on draining waited: " + e);
                }
            });
            var atServer = server.sessions.poll(10, TimeUnit.SECONDS);
            atServer.drain();
            atServer.close(9, "done");
            assertEquals("closed with 9", seen.get(15, TimeUnit.SECONDS));
        }
    }

    @Test
    void theNegotiatedProtocolIsExposedAndWtProtocolIsStrippedFromTheResponseHeaders() throws Exception {
        try (W3cServer server = new W3cServer()) {
            server.route = r -> ConnectResponse.accept(server.recording()).withProtocol("b");
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().protocols(List.of("a", "b", "c")).build());
            wt.ready().get(10, TimeUnit.SECONDS);
            assertEquals("b", wt.protocol());
            assertFalse(wt.responseHeaders().has("wt-protocol"));
            wt.close();
        }
    }

    @Test
    void closeAfterReadySendsTheCodeAndTheTruncatedReasonAndClosedResolvesWithTheCloseInfoAsGiven() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            String reason = "r".repeat(1022) + "\uD83D\uDE00".repeat(3); // the first emoji would end at byte 1026
            WebTransportCloseInfo info = new WebTransportCloseInfo(4242, reason);
            wt.close(info);
            assertSame(info, wt.closed().get(10, TimeUnit.SECONDS), "closed resolves with the closeInfo given");
            CloseInfo atServer = server.closes.poll(10, TimeUnit.SECONDS);
            assertTrue(atServer.clean());
            assertEquals(4242, atServer.errorCode());
            assertEquals("r".repeat(1022), atServer.reason(), "cut to 1024 UTF-8 bytes on a character boundary");
        }
    }

    @Test
    void closeWhileConnectingRejectsReadyAndClosedWithTheSameSessionError() throws Exception {
        try (W3cServer server = new W3cServer()) {
            CompletableFuture<Void> go = new CompletableFuture<>();
            server.answerAfter(go);
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.close();
            go.complete(null);
            WebTransportError ready = assertInstanceOf(WebTransportError.class, failureOf(wt.ready()));
            assertSame(ready, failureOf(wt.closed()), "ready and closed reject with one error object");
            assertEquals(WebTransportErrorSource.SESSION, ready.source());
            assertFalse(ready.streamErrorCode().isPresent());
        }
    }

    @Test
    void aServerCloseResolvesClosedWithItsCodeAndReason() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            server.sessions.poll(10, TimeUnit.SECONDS).close(7, "server bye");
            WebTransportCloseInfo info = wt.closed().get(10, TimeUnit.SECONDS);
            assertEquals(7, info.closeCode());
            assertEquals("server bye", info.reason());
        }
    }

    @Test
    void aRefusedSessionRejectsReadyAndClosedWithASessionError() throws Exception {
        try (W3cServer server = new W3cServer()) {
            server.route = r -> ConnectResponse.reject(404);
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            WebTransportError e = assertInstanceOf(WebTransportError.class, failureOf(wt.ready()));
            assertEquals(WebTransportErrorSource.SESSION, e.source());
            assertSame(e, failureOf(wt.closed()));
        }
    }

    @Test
    void aServerWhoseCertificateMatchesNoHashRejectsReadyAndClosedWithOneSessionError() throws Exception {
        try (W3cServer server = new W3cServer()) {
            byte[] wrong = W3cServer.CERTIFICATE.sha256();
            wrong[0] ^= 1;
            WebTransport wt = new WebTransport(server.url("/"), net.webtransport.WebTransportOptions.builder()
                    .serverCertificateHashes(List.of(net.webtransport.WebTransportHash.sha256(wrong))).build());
            WebTransportError e = assertInstanceOf(WebTransportError.class, failureOf(wt.ready()));
            assertEquals(WebTransportErrorSource.SESSION, e.source());
            assertSame(e, failureOf(wt.closed()));
            wt.close(); // nothing happens once failed
        }
    }

    @Test
    void aConnectionLostAfterReadyRejectsClosed() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            server.sessions.poll(10, TimeUnit.SECONDS).closeConnection(0x100, "gone");
            assertInstanceOf(WebTransportError.class, failureOf(wt.closed()));
        }
    }

    @Test
    void drainingResolvesWhenTheServerDrainsTheSession() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            assertFalse(wt.draining().isDone());
            server.sessions.poll(10, TimeUnit.SECONDS).drain();
            wt.draining().get(10, TimeUnit.SECONDS);
            wt.close();
        }
    }

    @Test
    void exportKeyingMaterialAgreesWithTheServerAndChecksItsArgumentsThenTheState() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            byte[] early = wt.exportKeyingMaterial("l".getBytes(), new byte[] {1}, 32).get(10, TimeUnit.SECONDS); // waits for ready
            byte[] atServer = server.sessions.poll(10, TimeUnit.SECONDS).exportKeyingMaterial("l".getBytes(), new byte[] {1}, 32)
                    .get(10, TimeUnit.SECONDS);
            assertArrayEquals(atServer, early);
            assertInstanceOf(RangeError.class, failureOf(wt.exportKeyingMaterial(new byte[256], new byte[0], 32)));
            assertInstanceOf(RangeError.class, failureOf(wt.exportKeyingMaterial(new byte[0], new byte[256], 32)));
            assertInstanceOf(RangeError.class, failureOf(wt.exportKeyingMaterial(new byte[0], new byte[0], 0)));
            assertEquals(4096, wt.exportKeyingMaterial(new byte[0], new byte[0], 4096).get(10, TimeUnit.SECONDS).length);
            wt.close();
            assertInstanceOf(InvalidStateError.class, failureOf(wt.exportKeyingMaterial(new byte[0], new byte[0], 32)));
            assertInstanceOf(RangeError.class, failureOf(wt.exportKeyingMaterial(new byte[256], new byte[0], 32)),
                    "the arguments are checked before the state");
        }
    }

    @Test
    void everyPromiseSettlesOnTheImplementationsExecutorNeverOnTheCallersThread() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            CompletableFuture<String> readyThread = wt.ready().thenApply(v -> Thread.currentThread().getName());
            assertTrue(readyThread.get(10, TimeUnit.SECONDS).startsWith("webtransport-w3c"), readyThread.get());
            CompletableFuture<String> closedThread = new CompletableFuture<>();
            wt.closed().whenComplete((v, e) -> closedThread.complete(Thread.currentThread().getName()));
            wt.close();
            assertTrue(closedThread.get(10, TimeUnit.SECONDS).startsWith("webtransport-w3c"), closedThread.get());
        }
    }

    @Test
    void onceTheLastTransportHasClosedTheSharedClientStopsSoNoThreadKeepsTheJvmAlive() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            assertTrue(net.webtransport.internal.w3c.NettyWebTransportProvider.clientRunning());
            wt.close();
            wt.closed().get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (net.webtransport.internal.w3c.NettyWebTransportProvider.clientRunning() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(net.webtransport.internal.w3c.NettyWebTransportProvider.clientRunning(),
                    "the client (and its event loop thread) stopped after the last session");
        }
    }
}
