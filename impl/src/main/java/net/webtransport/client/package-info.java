/**
 * The public transport-level WebTransport client, {@link net.webtransport.client.WebTransportClient}.
 * The W3C {@code WebTransport} API builds on it. Futures complete on the client's executor.
 * Null arguments cause a {@link java.lang.NullPointerException}.
 */
package net.webtransport.client;
