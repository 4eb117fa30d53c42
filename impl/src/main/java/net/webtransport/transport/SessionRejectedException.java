package net.webtransport.transport;

/**
 * The server did not establish the session: it answered the extended CONNECT with a non-2xx
 * status ({@link #status()}), or with no response at all ({@code status() == 0}).
 */
public final class SessionRejectedException extends WebTransportException {
    private final int status;
    private final transient HttpFields responseHeaders;

    public SessionRejectedException(int status, HttpFields responseHeaders, String message) {
        super(message);
        this.status = status;
        this.responseHeaders = responseHeaders;
    }

    public int status() {
        return status;
    }

    public HttpFields responseHeaders() {
        return responseHeaders;
    }
}
