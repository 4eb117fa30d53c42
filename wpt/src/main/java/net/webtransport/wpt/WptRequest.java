package net.webtransport.wpt;

import net.webtransport.server.ConnectRequest;

/**
 * What a handler gets for one CONNECT: the request, its query read as upstream does, and the stash
 * shared with every other session.
 */
public record WptRequest(ConnectRequest connect, HandlerQuery query, Stash stash) {
}
