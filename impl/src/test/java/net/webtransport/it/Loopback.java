package net.webtransport.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.ServerHandler;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/** A server and a client of this project talking over real QUIC on the loopback interface. */
final class Loopback implements AutoCloseable {
    static final ServerCertificate CERTIFICATE = ServerCertificate.selfSignedForLocalhost();

    final WebTransportServer server;
    final WebTransportClient client;

    Loopback(ServerHandler handler) throws Exception {
        server = WebTransportServer.builder().certificate(CERTIFICATE).handler(handler).start();
        client = WebTransportClient.builder().trust(CERTIFICATE.leaf()).build();
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + server.port() + path);
    }

    Session connect(String path, SessionHandler handler) throws Exception {
        return client.connect(uri(path), handler).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    /** Reads a stream to its FIN and settles {@code into} with the bytes or the failure. */
    static void readAllInto(ReceiveStream stream, CompletableFuture<byte[]> into) {
        readAll(stream).whenComplete((bytes, e) -> {
            if (e != null) {
                into.completeExceptionally(e);
            } else {
                into.complete(bytes);
            }
        });
    }

    /** Reads a stream to its FIN. */
    static CompletableFuture<byte[]> readAll(ReceiveStream stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        readLoop(stream, out, result);
        return result;
    }

    private static void readLoop(ReceiveStream stream, ByteArrayOutputStream out, CompletableFuture<byte[]> result) {
        stream.read().whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
                return;
            }
            ByteBuffer data = r.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.writeBytes(bytes);
            if (r.fin()) {
                result.complete(out.toByteArray());
            } else {
                readLoop(stream, out, result);
            }
        });
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
