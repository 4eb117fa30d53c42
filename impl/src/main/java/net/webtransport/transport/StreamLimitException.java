package net.webtransport.transport;

/**
 * A stream could not be opened without waiting: the peer allows no more streams of that kind now
 * (QUIC's stream limit, or the session's WebTransport stream limit). Only opens that asked not to
 * wait fail this way.
 */
public final class StreamLimitException extends WebTransportException {
    public StreamLimitException(String message) {
        super(message);
    }
}
