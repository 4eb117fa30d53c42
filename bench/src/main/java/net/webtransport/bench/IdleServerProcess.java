package net.webtransport.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerCertificate;
import net.webtransport.server.WebTransportServer;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * The server of the {@code memory} part ({@link IdleMemory}), in a JVM of its own so that its
 * memory is not mixed with the client's. Starts a {@link WebTransportServer} whose sessions do
 * nothing, prints {@code port N}, {@code cert <base64 DER>} and {@code limits ...}, then answers
 * commands read line by line from stdin:
 * <ul>
 *   <li>{@code count}: {@code count <connections> <open sessions>};</li>
 *   <li>{@code measure}: {@code memory <reading>} ({@link MemoryReading#encode()}, after GCs);</li>
 *   <li>{@code quit} (or end of input): closes the server and exits.</li>
 * </ul>
 * The limits are raised so that the bench's idle connections and sessions all fit, and the idle
 * timeout is long so that they stay open while they are measured.
 */
final class IdleServerProcess {
    static final int MAX_CONNECTIONS = 20_000;
    static final int MAX_SESSIONS_PER_CONNECTION = 10_000;
    /** QUIC bidirectional streams a client may have open at once: each session holds one for its CONNECT. */
    static final int MAX_BIDI_STREAMS = 10_000;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private IdleServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        IoTransport io = IoTransport.valueOf(args.length > 0 ? args[0] : "AUTO");
        ServerCertificate cert = ServerCertificate.selfSignedForLocalhost();
        AtomicInteger sessions = new AtomicInteger();
        SessionHandler idle = new SessionHandler() {
            @Override
            public void onOpen(Session session) {
                sessions.incrementAndGet();
            }

            @Override
            public void onClosed(Session session, CloseInfo info) {
                sessions.decrementAndGet();
            }
        };
        try (WebTransportServer server = WebTransportServer.builder().certificate(cert).ioTransport(io)
                .maxConnections(MAX_CONNECTIONS).maxSessionsPerConnection(MAX_SESSIONS_PER_CONNECTION)
                .maxIncomingStreams(MAX_BIDI_STREAMS, 256).idleTimeout(IDLE_TIMEOUT)
                .handler(r -> ConnectResponse.accept(idle)).start()) {
            System.out.println("port " + server.port());
            System.out.println("cert " + Base64.getEncoder().encodeToString(cert.leaf().getEncoded()));
            System.out.printf(Locale.ROOT, "limits transport %s, loops %d, max connections %d, max sessions per connection %d,"
                    + " max bidi streams per connection %d, idle timeout %d s%n", server.ioTransportDescription(),
                    server.connectionsPerLoop().size(), MAX_CONNECTIONS, MAX_SESSIONS_PER_CONNECTION, MAX_BIDI_STREAMS,
                    IDLE_TIMEOUT.toSeconds());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                switch (line) {
                    case "count" -> System.out.println("count " + server.connectionCount() + " " + sessions.get());
                    case "measure" -> System.out.println("memory " + MemoryReading.afterGc().encode());
                    default -> System.out.println("error unknown command " + line);
                }
                System.out.flush();
            }
        }
    }
}
