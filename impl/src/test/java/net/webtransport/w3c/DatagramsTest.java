package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.webtransport.InvalidStateError;
import net.webtransport.TypeError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportDatagramsWritable;
import net.webtransport.WebTransportSendGroup;
import net.webtransport.WebTransportSendOptions;
import net.webtransport.server.ConnectResponse;
import net.webtransport.streams.ReadResult;
import net.webtransport.streams.ReadableByteStream;
import net.webtransport.streams.ReadableStreamBYOBReader;
import net.webtransport.streams.ReadableStreamDefaultReader;
import net.webtransport.streams.WritableStreamDefaultWriter;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** The W3C API's datagrams against this project's server. */
class DatagramsTest {

    @Test
    void aDatagramWrittenComesBackFromAnEchoingServerOnTheReadable() throws Exception {
        try (W3cServer server = new W3cServer()) {
            server.route = r -> ConnectResponse.accept(new SessionHandler() {
                @Override
                public void onDatagram(Session session, ByteBuffer payload) {
                    session.sendDatagram(payload);
                }
            });
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            assertTrue(wt.datagrams().maxDatagramSize() > 1000, "a datagram fits about a packet: " + wt.datagrams().maxDatagramSize());
            WritableStreamDefaultWriter<byte[]> writer = wt.datagrams().createWritable().getWriter();
            ReadableStreamDefaultReader<byte[]> reader = wt.datagrams().readable().getReader();
            CompletableFuture<ReadResult<byte[]>> read = reader.read();
            byte[] payload = "datagram".getBytes();
            ReadResult<byte[]> echoed = null;
            for (int i = 0; i < 50 && echoed == null; i++) { // datagrams may be lost: send until one comes back
                writer.write(payload).get(10, TimeUnit.SECONDS);
                try {
                    echoed = read.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException retry) {
                    // send another
                }
            }
            assertArrayEquals(payload, echoed.value());
            wt.close();
            assertTrue(reader.read().get(10, TimeUnit.SECONDS).done(), "the readable closes with the transport");
        }
    }

    @Test
    void createWritableWithAnotherTransportsSendGroupThrowsTypeErrorAndTheSetterInvalidStateError() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            WebTransport other = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            WebTransportSendGroup foreign = other.createSendGroup();
            assertThrows(TypeError.class, () -> wt.datagrams().createWritable(WebTransportSendOptions.DEFAULT.withSendGroup(foreign)));
            WebTransportSendGroup own = wt.createSendGroup();
            WebTransportDatagramsWritable writable = wt.datagrams().createWritable(new WebTransportSendOptions(own, 5));
            assertSame(own, writable.sendGroup());
            assertEquals(5, writable.sendOrder());
            assertThrows(InvalidStateError.class, () -> writable.sendGroup(foreign));
            assertSame(own, writable.sendGroup(), "a refused group leaves the writable where it was");
            writable.sendGroup(null);
            assertNull(writable.sendGroup());
            wt.close();
            other.close();
        }
    }

    @Test
    void createWritableOnAClosedTransportThrowsInvalidStateError() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
            wt.ready().get(10, TimeUnit.SECONDS);
            wt.close();
            assertThrows(InvalidStateError.class, () -> wt.datagrams().createWritable());
        }
    }

    @Test
    void withDatagramsReadableTypeBytesAnEchoedDatagramIsReadWholeIntoTheCallersBuffer() throws Exception {
        try (W3cServer server = new W3cServer()) {
            server.route = r -> ConnectResponse.accept(new SessionHandler() {
                @Override
                public void onDatagram(Session session, ByteBuffer payload) {
                    session.sendDatagram(payload);
                }
            });
            WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().datagramsReadableType("bytes").build());
            wt.ready().get(10, TimeUnit.SECONDS);
            WritableStreamDefaultWriter<byte[]> writer = wt.datagrams().createWritable().getWriter();
            ReadableStreamBYOBReader reader = ((ReadableByteStream) wt.datagrams().readable()).getBYOBReader();
            CompletableFuture<ReadResult<ByteBuffer>> read = reader.read(ByteBuffer.allocate(65536));
            byte[] payload = "bytes datagram".getBytes();
            ReadResult<ByteBuffer> echoed = null;
            for (int i = 0; i < 50 && echoed == null; i++) { // datagrams may be lost: send until one comes back
                writer.write(payload).get(10, TimeUnit.SECONDS);
                try {
                    echoed = read.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException retry) {
                    // send another
                }
            }
            assertEquals(ByteBuffer.wrap(payload), echoed.value());
            wt.close();
        }
    }
}
