package net.webtransport.server;

/**
 * Decides what to do with each WebTransport CONNECT the server receives: which status and response
 * headers to send and, for a 2xx status, which {@link net.webtransport.transport.SessionHandler}
 * runs the session. Called on the server's executor; an exception answers 500.
 */
@FunctionalInterface
public interface ServerHandler {
    ConnectResponse onConnect(ConnectRequest request);
}
