/**
 * The web-platform-tests WebTransport server in Java: the handlers under
 * {@code /webtransport/handlers/NAME.py} that upstream's aioquic server runs, each a small class in
 * {@link net.webtransport.wpt.handlers} over the project's public server API, the stash they share,
 * and the {@code wpt-runner serve} command ({@link net.webtransport.wpt.WptRunner}).
 */
package net.webtransport.wpt;
