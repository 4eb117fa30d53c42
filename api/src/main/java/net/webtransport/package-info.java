/**
 * The W3C <a href="https://w3c.github.io/webtransport/">WebTransport</a> interface in Java, with the
 * browser's semantics: {@link net.webtransport.WebTransport} and its options, close information,
 * errors and headers. The module depends on {@code java.base} only; the implementation is found at
 * run time through {@link net.webtransport.spi.WebTransportProvider}.
 */
package net.webtransport;
