package net.webtransport.spi;

import java.util.List;

/** Carries W3C WebTransport sessions; registered for {@link java.util.ServiceLoader}. */
public interface WebTransportProvider {

    /**
     * Checks a protocol list against the rules of {@code WT-Available-Protocols}.
     *
     * @param protocols the protocols an application wants to offer
     * @throws IllegalArgumentException naming the first protocol that breaks them
     */
    void checkProtocols(List<String> protocols);

    /**
     * Starts establishing a session and returns at once.
     *
     * @param request  the validated request
     * @param listener hears what becomes of the session, on the returned handle's executor
     * @return the handle through which the session is driven
     */
    SessionHandle connect(SessionRequest request, SessionListener listener);
}
