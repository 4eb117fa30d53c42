/**
 * The seam between the W3C {@link net.webtransport.WebTransport} class and the stack that carries
 * it: an implementation on the class path registers a {@link net.webtransport.spi.WebTransportProvider}
 * with {@link java.util.ServiceLoader}. The {@code WebTransport} class keeps the W3C state machine
 * and its rules; the provider only moves sessions.
 */
package net.webtransport.spi;
