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

/**
 * {@code query.py?token=T}: once the session is up, takes what the stash holds under T (it is gone
 * from the stash afterwards) and sends it as JSON on a new unidirectional stream, {@code {}} if
 * nothing, then FIN.
 */
public final class Query implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        String token = request.query().get("token");
        return new Discard() {
            @Override
            public void onOpen(Session session) {
                Object value = token == null ? null : request.stash().take(token);
                String json = Json.write(value == null ? Map.of() : value);
                session.openUnidirectionalStream().thenAccept(out ->
                        out.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), true));
            }
        };
    }
}
