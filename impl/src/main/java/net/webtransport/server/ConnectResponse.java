package net.webtransport.server;

import java.util.Objects;
import net.webtransport.internal.wire.Subprotocols;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.SessionHandler;

/**
 * The answer to a {@link ConnectRequest}: a status, response header fields and, when the status is
 * 2xx, the handler of the session it establishes.
 */
public final class ConnectResponse {
    private final int status;
    private final HttpFields headers;
    private final SessionHandler handler;

    private ConnectResponse(int status, HttpFields headers, SessionHandler handler) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a final status is 200 to 599, not " + status);
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.handler = handler;
    }

    /** Establishes the session with status 200. */
    public static ConnectResponse accept(SessionHandler handler) {
        return accept(handler, HttpFields.empty());
    }

    /** Establishes the session with status 200 and extra response fields. */
    public static ConnectResponse accept(SessionHandler handler, HttpFields headers) {
        return new ConnectResponse(200, headers, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Answers with any status. A 2xx status establishes the session, handled by {@code handler};
     * other statuses refuse it and {@code handler} may be null.
     */
    public static ConnectResponse of(int status, HttpFields headers, SessionHandler handler) {
        if (status < 300) {
            Objects.requireNonNull(handler, "a 2xx response needs a session handler");
        }
        return new ConnectResponse(status, headers, handler);
    }

    /** Refuses the session, for example with 404 for an unknown path or 403 for an unwelcome origin. */
    public static ConnectResponse reject(int status) {
        return reject(status, HttpFields.empty());
    }

    public static ConnectResponse reject(int status, HttpFields headers) {
        if (status < 300) {
            throw new IllegalArgumentException("a refusal needs a status of 300 or more, not " + status);
        }
        return new ConnectResponse(status, headers, null);
    }

    /**
     * This response naming {@code protocol} as the application protocol in {@code WT-Protocol}
     * (replacing any such field); pick it from {@link ConnectRequest#offeredProtocols()}, since a
     * client ignores a protocol it did not offer.
     *
     * @throws IllegalArgumentException if {@code protocol} is empty, longer than 512 characters or not printable ASCII
     */
    public ConnectResponse withProtocol(String protocol) {
        return new ConnectResponse(status, headers.without(Subprotocols.PROTOCOL)
                .with(Subprotocols.PROTOCOL, Subprotocols.choiceField(protocol)), handler);
    }

    public int status() {
        return status;
    }

    public HttpFields headers() {
        return headers;
    }

    public SessionHandler handler() {
        return handler;
    }
}
