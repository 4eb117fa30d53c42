/**
 * The W3C API's provider: carries the sessions of {@link net.webtransport.WebTransport} objects over
 * this project's client. The W3C state machine itself lives with the API type; this package maps
 * its requests onto {@link net.webtransport.client.WebTransportClient} and the session's events
 * back, all on the client's executor.
 */
package net.webtransport.internal.w3c;
