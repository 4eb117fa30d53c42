package net.webtransport.wpt.handlers;

import java.util.LinkedHashMap;
import java.util.Map;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.StreamResetException;
import net.webtransport.wpt.Chunks;
import net.webtransport.wpt.Stash;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code client-close.py?token=T}: opens one bidirectional stream once the session is up and records
 * in the stash under T how the client ended things: {@code stream-close-info} is
 * {@code {"source": "FIN"}} when a stream ended with FIN or {@code {"source": "reset", "code": C}}
 * (C the raw HTTP/3 code) when one was reset; {@code session-close-info} is
 * {@code {"abruptly": B, "close_info": {"code": N, "reason": R} or null}} when the session ended.
 */
public final class ClientClose implements WptHandler {

    @Override
    public SessionHandler session(WptRequest request) {
        String token = request.query().get("token");
        Stash stash = request.stash();
        return new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                session.openBidirectionalStream().thenAccept(s -> watch(s.readable()));
            }

            @Override
            public void onBidirectionalStream(Session session, BidirectionalStream stream) {
                watch(stream.readable());
            }

            @Override
            public void onUnidirectionalStream(Session session, ReceiveStream stream) {
                watch(stream);
            }

            private void watch(ReceiveStream stream) {
                Chunks.forEach(stream, (data, fin) -> {
                    if (fin) {
                        record("stream-close-info", Map.of("source", "FIN"));
                    }
                    return Chunks.done();
                }, failure -> {
                    if (failure instanceof StreamResetException reset) {
                        Map<String, Object> info = new LinkedHashMap<>();
                        info.put("source", "reset");
                        info.put("code", reset.http3ErrorCode());
                        record("stream-close-info", info);
                    }
                });
            }

            @Override
            public void onClosed(Session session, CloseInfo info) {
                Map<String, Object> closed = new LinkedHashMap<>();
                closed.put("abruptly", !info.clean());
                Map<String, Object> closeInfo = null;
                if (info.clean()) {
                    closeInfo = new LinkedHashMap<>();
                    closeInfo.put("code", info.errorCode());
                    closeInfo.put("reason", info.reason());
                }
                closed.put("close_info", closeInfo);
                record("session-close-info", closed);
            }

            private void record(String key, Object value) {
                if (token == null) {
                    return;
                }
                stash.update(token, old -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> data = old instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
                    data.put(key, value);
                    return data;
                });
            }
        };
    }
}
