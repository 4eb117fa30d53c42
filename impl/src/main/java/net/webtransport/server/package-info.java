/**
 * The public WebTransport server: {@link net.webtransport.server.WebTransportServer}, the
 * {@link net.webtransport.server.ServerHandler} that answers each CONNECT, certificates, and
 * {@link net.webtransport.server.LoadBalancerRouting} for servers behind a QUIC-LB load balancer.
 * Handlers run on the server's executor. Null arguments cause a {@link java.lang.NullPointerException}.
 */
package net.webtransport.server;
