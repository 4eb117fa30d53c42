package net.webtransport.spi;

import java.util.List;

/** Carries W3C WebTransport sessions; registered for {@link java.util.ServiceLoader}. */
public interface WebTransportProvider {

    /**
     * Checks a protocol list against the rules of {@code WT-Available-Protocols}.
     *
     * @throws IllegalArgumentException naming the first protocol that breaks them
     */
    void checkProtocols(List<String> protocols);

    /** Starts establishing a session and returns at once; {@code listener} hears what becomes of it. */
    SessionHandle connect(SessionRequest request, SessionListener listener);
}
