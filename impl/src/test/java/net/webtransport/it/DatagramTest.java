package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

class DatagramTest {

    @Test
    void datagramsAreEchoedAndTheMaximumSizeIsExposed() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session session = loop.connect("/echo", new SessionHandler() {
                @Override
                public void onDatagram(Session s, ByteBuffer payload) {
                    received.add(StandardCharsets.UTF_8.decode(payload).toString());
                }
            });
            int max = session.maxDatagramSize();
            assertTrue(max > 1000 && max < 1500, "max datagram payload for one packet, got " + max);
            // Datagrams are unreliable: send until one echo arrives, but loopback rarely drops.
            String echoed = null;
            for (int i = 0; i < 20 && echoed == null; i++) {
                session.sendDatagram(ByteBuffer.wrap(("dgram-" + i).getBytes(StandardCharsets.UTF_8)));
                echoed = received.poll(250, TimeUnit.MILLISECONDS);
            }
            assertTrue(echoed != null && echoed.startsWith("dgram-"), "an echoed datagram arrived: " + echoed);
            byte[] full = new byte[max];
            full[max - 1] = 7;
            session.sendDatagram(ByteBuffer.wrap(full)).get(5, TimeUnit.SECONDS);
            assertThrows(IllegalArgumentException.class, () -> session.sendDatagram(ByteBuffer.allocate(max + 1)));
            session.close();
        }
    }

    @Test
    void aFullSizeDatagramArrivesIntact() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            LinkedBlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();
            Session session = loop.connect("/echo", new SessionHandler() {
                @Override
                public void onDatagram(Session s, ByteBuffer payload) {
                    received.add(payload);
                }
            });
            int max = session.maxDatagramSize();
            byte[] full = new byte[max];
            for (int i = 0; i < max; i++) {
                full[i] = (byte) i;
            }
            ByteBuffer back = null;
            for (int i = 0; i < 20 && back == null; i++) {
                session.sendDatagram(ByteBuffer.wrap(full));
                back = received.poll(250, TimeUnit.MILLISECONDS);
            }
            assertEquals(ByteBuffer.wrap(full), back);
            session.close();
        }
    }
}
