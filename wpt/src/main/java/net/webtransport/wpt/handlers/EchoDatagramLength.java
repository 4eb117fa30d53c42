package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.Json;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/** {@code echo_datagram_length.py}: answers each datagram with a datagram {@code {"length": N}}, N its size. */
public final class EchoDatagramLength implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        return new Discard() {
            @Override
            public void onDatagram(Session session, ByteBuffer payload) {
                String json = Json.write(Map.of("length", payload.remaining()));
                session.sendDatagram(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            }
        };
    }
}
