package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.Session;
import net.webtransport.wpt.EchoTest.Collector;
import org.junit.jupiter.api.Test;

/** echo_datagram_length.py: each datagram is answered with its length as JSON. */
class EchoDatagramLengthTest {

    @Test
    void eachDatagramIsAnsweredWithItsLength() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("echo_datagram_length.py", collector);
            ByteBuffer answer = null;
            for (int i = 0; i < 50 && answer == null; i++) { // datagrams may be lost
                session.sendDatagram(ByteBuffer.allocate(1000)).get(5, TimeUnit.SECONDS);
                answer = collector.datagrams.poll(100, TimeUnit.MILLISECONDS);
            }
            assertEquals("{\"length\": 1000}", StandardCharsets.UTF_8.decode(answer).toString());
        }
    }
}
