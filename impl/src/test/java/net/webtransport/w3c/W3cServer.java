package net.webtransport.w3c;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import net.webtransport.WebTransportHash;
import net.webtransport.WebTransportOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.ServerHandler;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * This project's server for tests of the W3C API, reached by certificate hash as a page does. By
 * default it accepts every session and records the sessions and how they ended; a test may route
 * requests its own way through {@link #route}.
 */
final class W3cServer implements AutoCloseable {
    static final ServerCertificate CERTIFICATE = ServerCertificate.selfSignedForLocalhost();

    final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<CloseInfo> closes = new LinkedBlockingQueue<>();
    volatile ServerHandler route = r -> ConnectResponse.accept(recording());
    final WebTransportServer server;

    W3cServer() throws Exception {
        this(b -> { });
    }

    /** A server whose builder {@code configure} adjusts first. */
    W3cServer(java.util.function.Consumer<WebTransportServer.Builder> configure) throws Exception {
        WebTransportServer.Builder builder = WebTransportServer.builder().certificate(CERTIFICATE).handler(r -> route.onConnect(r));
        configure.accept(builder);
        server = builder.start();
    }

    /** A session handler that records the session and its end. */
    SessionHandler recording() {
        return new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                sessions.add(session);
            }

            @Override
            public void onClosed(Session session, CloseInfo info) {
                closes.add(info);
            }
        };
    }

    String url(String path) {
        return "https://localhost:" + server.port() + path;
    }

    /** Options that trust this server's certificate by hash. */
    static WebTransportOptions.Builder pinned() {
        return WebTransportOptions.builder().serverCertificateHashes(List.of(WebTransportHash.sha256(CERTIFICATE.sha256())));
    }

    /** Answers only once {@code go} completes, so a test can act while a session is still connecting. */
    void answerAfter(CompletableFuture<Void> go) {
        ServerHandler then = route;
        route = r -> {
            go.join();
            return then.onConnect(r);
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
