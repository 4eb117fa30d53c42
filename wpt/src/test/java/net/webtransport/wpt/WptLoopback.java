package net.webtransport.wpt;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/** The WPT server and a client of this project on loopback, the client sending an origin as browsers do. */
final class WptLoopback implements AutoCloseable {
    static final String ORIGIN = "https://web-platform.test:8443";

    final WptServer server;
    final WebTransportClient client;

    WptLoopback() throws Exception {
        server = WptServer.start(0);
        client = WebTransportClient.builder().trust(server.certificate().leaf()).build();
    }

    /** {@code https://localhost:PORT/webtransport/handlers/} + {@code handlerAndQuery}. */
    URI url(String handlerAndQuery) {
        return URI.create("https://localhost:" + server.port() + HandlerRouter.PREFIX + handlerAndQuery);
    }

    CompletableFuture<Session> open(String handlerAndQuery, ConnectOptions options, SessionHandler handler) {
        return client.connect(url(handlerAndQuery), options.withOrigin(ORIGIN), handler);
    }

    Session connect(String handlerAndQuery, SessionHandler handler) throws Exception {
        return open(handlerAndQuery, ConnectOptions.DEFAULT, handler).get(10, TimeUnit.SECONDS);
    }

    Session connect(String handlerAndQuery) throws Exception {
        return connect(handlerAndQuery, new SessionHandler() { });
    }

    /** Extra request headers for {@link #open}. */
    static ConnectOptions headers(String... namesAndValues) {
        return ConnectOptions.DEFAULT.withHeaders(HttpFields.of(namesAndValues));
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    /**
     * Waits until the stash holds {@code expected} under {@code key}, watching it without taking the
     * value, and returns what it held last (so a failed wait shows it). Stash updates have no event
     * to wait on, hence the watching.
     */
    Object awaitStash(String key, Object expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Object seen = server.stash().peek(key);
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            seen = server.stash().peek(key);
        }
        return seen;
    }

    /** The raw HTTP/3 code for WebTransport application error code {@code n} (draft-16 §4.4). */
    static long http3Code(long n) {
        return 0x52e4a40fa8dbL + n + n / 0x1e;
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything {@code stream} delivers up to its FIN, as UTF-8 text. */
    static CompletableFuture<String> readText(ReceiveStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Chunks.forEach(stream, (data, fin) -> {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            out.writeBytes(b);
            if (fin) {
                text.complete(out.toString(StandardCharsets.UTF_8));
            }
            return Chunks.done();
        }, text::completeExceptionally);
        return text;
    }
}
