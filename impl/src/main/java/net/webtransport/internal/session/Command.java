package net.webtransport.internal.session;

import java.nio.ByteBuffer;
import net.webtransport.transport.HttpFields;

/**
 * An I/O action the session layer asks its binding to perform. The session layer never touches a
 * socket; the binding drains these after every input and executes them in order.
 */
public sealed interface Command {

    /** Send a HEADERS frame on a request stream, optionally finishing the stream after it. */
    record SendHeaders(long streamId, HttpFields fields, boolean fin) implements Command {
    }

    /** Send capsule bytes as HTTP/3 DATA on the CONNECT stream, optionally followed by FIN. */
    record SendCapsule(long streamId, ByteBuffer bytes, boolean fin) implements Command {
    }

    /** Finish the send side of a stream (FIN) after anything queued on it. */
    record FinishStream(long streamId) implements Command {
    }

    /** RESET_STREAM with an HTTP/3 error code (already mapped if it carries an application code). */
    record ResetStream(long streamId, long http3ErrorCode) implements Command {
    }

    /** STOP_SENDING with an HTTP/3 error code. */
    record StopSending(long streamId, long http3ErrorCode) implements Command {
    }

    /**
     * Send HTTP/3 GOAWAY on the control stream (RFC 9114 §5.2): requests on client-initiated
     * bidirectional streams from {@code id} on will not be processed.
     */
    record SendGoAway(long id) implements Command {
    }

    /** Close the whole connection with an HTTP/3 error code: a connection error (RFC 9114 §8). */
    record CloseConnection(long http3ErrorCode, String reason) implements Command {
    }
}
