package net.webtransport.wpt;

import java.util.Map;
import net.webtransport.server.ConnectRequest;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerHandler;

/**
 * Routes a CONNECT to {@code /webtransport/handlers/NAME.py} as upstream's server does: a request
 * without an {@code origin} field gets 403, a path naming no handler 404; the query never takes part
 * in the lookup.
 */
public final class HandlerRouter implements ServerHandler {
    /** Where upstream's handler files live. */
    public static final String PREFIX = "/webtransport/handlers/";

    private final Map<String, WptHandler> handlers;
    private final Stash stash;

    /** @param handlers by file name, such as {@code echo.py} */
    public HandlerRouter(Map<String, WptHandler> handlers, Stash stash) {
        this.handlers = Map.copyOf(handlers);
        this.stash = stash;
    }

    @Override
    public ConnectResponse onConnect(ConnectRequest request) {
        if (request.origin() == null) {
            return ConnectResponse.reject(403);
        }
        String path = request.pathWithoutQuery();
        WptHandler handler = path.startsWith(PREFIX) ? handlers.get(path.substring(PREFIX.length())) : null;
        if (handler == null) {
            return ConnectResponse.reject(404);
        }
        return handler.connect(new WptRequest(request, HandlerQuery.parse(request.query()), stash));
    }
}
