/**
 * The WebTransport-over-HTTP/3 wire encodings (draft-ietf-webtrans-http3-16, RFC 9000 §16,
 * RFC 9297): varints, capsules and their incremental parser, HTTP datagram and stream headers,
 * setting ids and the application error code mapping. Pure functions and small value types over
 * {@link java.nio.ByteBuffer}; nothing here depends on another package of this project. Malformed
 * input is reported as a checked {@link net.webtransport.internal.wire.WireException} carrying the
 * draft's error code, never as an unchecked exception.
 */
package net.webtransport.internal.wire;
