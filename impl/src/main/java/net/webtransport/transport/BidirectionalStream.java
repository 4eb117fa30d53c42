package net.webtransport.transport;

/** A bidirectional WebTransport stream: a readable and a writable half with the same id. */
public interface BidirectionalStream {
    ReceiveStream readable();

    SendStream writable();

    default long id() {
        return readable().id();
    }
}
