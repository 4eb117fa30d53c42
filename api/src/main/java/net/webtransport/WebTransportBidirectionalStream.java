package net.webtransport;

/**
 * <a href="https://w3c.github.io/webtransport/#bidirectional-stream">WebTransportBidirectionalStream</a>:
 * the two halves of a bidirectional stream.
 */
public final class WebTransportBidirectionalStream {
    private final WebTransportReceiveStream readable;
    private final WebTransportSendStream writable;

    WebTransportBidirectionalStream(WebTransportReceiveStream readable, WebTransportSendStream writable) {
        this.readable = readable;
        this.writable = writable;
    }

    public WebTransportReceiveStream readable() {
        return readable;
    }

    public WebTransportSendStream writable() {
        return writable;
    }
}
