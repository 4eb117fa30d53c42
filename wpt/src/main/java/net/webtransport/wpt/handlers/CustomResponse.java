package net.webtransport.wpt.handlers;

import java.util.Map;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.SessionHandler;
import net.webtransport.wpt.Discard;
import net.webtransport.wpt.WptHandler;
import net.webtransport.wpt.WptRequest;

/**
 * {@code custom-response.py}: every query pair becomes a response header as it is
 * ({@code ?:status=404&set-cookie=a%3Db&wt-protocol=foo}); {@code :status} sets the status, 200 by
 * default. Nothing happens once the session is up.
 */
public final class CustomResponse implements WptHandler {

    @Override
    public ConnectResponse connect(WptRequest request) {
        int status = 200;
        HttpFields.Builder headers = HttpFields.builder();
        for (Map.Entry<String, String> pair : request.query().values().entrySet()) {
            if (pair.getKey().equals(":status")) {
                status = parseStatus(pair.getValue());
            } else {
                headers.add(pair.getKey(), pair.getValue());
            }
        }
        return ConnectResponse.of(status, headers.build(), status < 300 ? session(request) : null);
    }

    /** A status the HTTP/3 response can carry, or 500 for anything else. */
    private static int parseStatus(String value) {
        try {
            int status = Integer.parseInt(value);
            return status >= 200 && status <= 599 ? status : 500;
        } catch (NumberFormatException e) {
            return 500;
        }
    }

    @Override
    public SessionHandler session(WptRequest request) {
        return new Discard();
    }
}
