/**
 * The W3C WebTransport interface in Java. The types arrive with the W3C API issue; until then this
 * module only reserves the package that users will import.
 */
package net.webtransport;
