package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#bidirectional-stream">WebTransportBidirectionalStream</a>:
 * the two halves of a bidirectional stream, which live independently: either may end (cleanly or
 * by reset) while the other goes on.
 */
public final class WebTransportBidirectionalStream {
    private final WebTransportReceiveStream readable;
    private final WebTransportSendStream writable;

    WebTransportBidirectionalStream(WebTransportReceiveStream readable, WebTransportSendStream writable) {
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * The receiving half (W3C {@code readable}).
     *
     * @return the stream of the peer's bytes
     */
    public WebTransportReceiveStream readable() {
        return readable;
    }

    /**
     * The sending half (W3C {@code writable}).
     *
     * @return the stream to write to the peer
     */
    public WebTransportSendStream writable() {
        return writable;
    }
}
