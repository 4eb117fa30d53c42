package net.webtransport.transport;

import java.io.IOException;

/** Base class of the failures a WebTransport stream or session operation reports. */
public class WebTransportException extends IOException {
    public WebTransportException(String message) {
        super(message);
    }

    public WebTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
