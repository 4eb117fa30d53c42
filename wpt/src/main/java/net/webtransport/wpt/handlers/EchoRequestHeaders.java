package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.Json;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code echo-request-headers.py}: once the session is up, sends the request's header fields
 * (pseudo-headers included) as a JSON object on a new unidirectional stream, then FIN. A repeated
 * name keeps its last value; with {@code ?format=list} every name maps to the list of its values.
 */
public final class EchoRequestHeaders implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        boolean asList = "list".equals(request.query().get("format"));
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                String json = Json.write(asList ? allValues(session.requestHeaders()) : lastValues(session.requestHeaders()));
                session.openUnidirectionalStream().thenAccept(out ->
                        out.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), true));
            }
        };
    }

    static Map<String, Object> lastValues(HttpFields fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HttpFields.Field f : fields) {
            out.put(f.name(), f.value()); // a repeated name keeps its first position and its last value
        }
        return out;
    }

    static Map<String, Object> allValues(HttpFields fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HttpFields.Field f : fields) {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) out.computeIfAbsent(f.name(), n -> new ArrayList<>());
            values.add(f.value());
        }
        return out;
    }
}
