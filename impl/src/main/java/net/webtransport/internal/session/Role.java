package net.webtransport.internal.session;

/** Which end of the HTTP/3 connection this endpoint is. */
public enum Role {
    CLIENT,
    SERVER
}
