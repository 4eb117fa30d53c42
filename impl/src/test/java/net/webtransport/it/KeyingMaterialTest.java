package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;
import org.junit.jupiter.api.Test;

/** Keying-material export end to end (draft-ietf-webtrans-http3 §4.8, W3C exportKeyingMaterial). */
class KeyingMaterialTest {
    private static final byte[] LABEL = "my-app".getBytes();
    private static final byte[] CONTEXT = {7, 8, 9};

    private final BlockingQueue<Session> serverSessions = new LinkedBlockingQueue<>();

    private Loopback loopback() throws Exception {
        return new Loopback(r -> ConnectResponse.accept(new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                serverSessions.add(session);
            }
        }));
    }

    private static byte[] export(Session s, byte[] label, byte[] context, int length) throws Exception {
        return s.exportKeyingMaterial(label, context, length).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theClientAndTheServerOfASessionDeriveTheSameBytes() throws Exception {
        try (Loopback loop = loopback()) {
            Session client = loop.connect("/", new SessionHandler() { });
            Session server = serverSessions.poll(5, TimeUnit.SECONDS);
            byte[] atClient = export(client, LABEL, CONTEXT, 64);
            assertEquals(64, atClient.length);
            assertArrayEquals(atClient, export(server, LABEL, CONTEXT, 64));
            assertFalse(Arrays.equals(new byte[64], atClient));
        }
    }

    @Test
    void otherSessionsLabelsAndContextsDeriveOtherBytes() throws Exception {
        try (Loopback loop = loopback()) {
            ConnectOptions pooled = ConnectOptions.DEFAULT.withPooling(true);
            Session first = loop.client.connect(loop.uri("/"), pooled, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            Session second = loop.client.connect(loop.uri("/"), pooled, new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            assertEquals(1, loop.server.connectionCount(), "one TLS connection, so one exporter secret");
            byte[] base = export(first, LABEL, CONTEXT, 32);
            assertFalse(Arrays.equals(base, export(second, LABEL, CONTEXT, 32)), "the session id is in the context");
            assertFalse(Arrays.equals(base, export(first, "other".getBytes(), CONTEXT, 32)));
            assertFalse(Arrays.equals(base, export(first, LABEL, new byte[0], 32)));
            Session elsewhere = loop.connect("/", new SessionHandler() { });
            assertFalse(Arrays.equals(export(elsewhere, LABEL, CONTEXT, 32), base), "another connection, another secret");
        }
    }

    @Test
    void labelsAndContextsOver255BytesAndBadLengthsAreRefused() throws Exception {
        try (Loopback loop = loopback()) {
            Session session = loop.connect("/", new SessionHandler() { });
            assertEquals(32, export(session, new byte[255], new byte[255], 32).length);
            assertThrows(IllegalArgumentException.class, () -> session.exportKeyingMaterial(new byte[256], new byte[0], 32));
            assertThrows(IllegalArgumentException.class, () -> session.exportKeyingMaterial(new byte[0], new byte[256], 32));
            assertThrows(IllegalArgumentException.class, () -> session.exportKeyingMaterial(new byte[0], new byte[0], 0));
            assertEquals(4096, export(session, new byte[0], new byte[0], 4096).length, "the W3C API needs at least 4096");
        }
    }

    @Test
    void aClosedSessionExportsNothing() throws Exception {
        try (Loopback loop = loopback()) {
            Session session = loop.connect("/", new SessionHandler() { });
            session.close().get(5, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> export(session, LABEL, CONTEXT, 32));
            assertInstanceOf(SessionClosedException.class, e.getCause());
        }
    }

    @Test
    void anEndpointBuiltWithoutExportSaysSo() throws Exception {
        try (Loopback loop = loopback();
             WebTransportClient noExport = WebTransportClient.builder().trust(Loopback.CERTIFICATE.leaf())
                     .keyingMaterialExport(false).build()) {
            Session session = noExport.connect(loop.uri("/"), new SessionHandler() { }).get(5, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> export(session, LABEL, CONTEXT, 32));
            assertInstanceOf(WebTransportException.class, e.getCause());
            Session server = serverSessions.poll(5, TimeUnit.SECONDS);
            assertEquals(32, export(server, LABEL, CONTEXT, 32).length, "the server still exports");
        }
    }
}
