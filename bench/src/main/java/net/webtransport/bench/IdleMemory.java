package net.webtransport.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.webtransport.client.WebTransportClient;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.transport.IoTransport;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;

/**
 * Part {@code memory}: the heap and direct memory a server holds per idle connection (with its one
 * session) and per idle session pooled on a few connections. The server runs in a JVM of its own
 * ({@link IdleServerProcess}, same {@code java} and class path) so that its figures are not mixed
 * with the client's; each figure is the growth of a reading after GCs ({@link MemoryReading}),
 * divided by the count:
 * <ol>
 *   <li>after a warm-up (connections and pooled sessions opened and closed, so that classes, pools
 *       and threads exist), {@link #CONNECTIONS} sessions each on a connection of its own;</li>
 *   <li>once those are closed, {@link #POOLED_CONNECTIONS} pooled connections with one session each,
 *       then {@link #POOLED_SESSIONS} more sessions spread over them: the growth is per session only.</li>
 * </ol>
 * Sessions stay open and idle (nothing sent, idle timeout 10 minutes) while measured; the client's
 * growth in the bench's own JVM is printed too. Counts: {@code -Dbench.idleConnections}, default
 * 500, and {@code -Dbench.idleSessions}, default 2000.
 */
final class IdleMemory {
    static final int CONNECTIONS = Integer.getInteger("bench.idleConnections", 500);
    static final int POOLED_SESSIONS = Integer.getInteger("bench.idleSessions", 2000);
    static final int POOLED_CONNECTIONS = 4;
    /** Connection attempts in flight at once while opening. */
    private static final int OPENING_AT_ONCE = 16;

    private final BufferedReader fromServer;
    private final PrintWriter toServer;
    private final X509Certificate cert;
    private final URI uri;
    private final IoTransport io;

    private IdleMemory(Process server, IoTransport io) throws Exception {
        this.io = io;
        fromServer = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        toServer = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
        int port = Integer.parseInt(expect("port "));
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(expect("cert "))));
        System.out.println("memory part: server in its own JVM, " + expect("limits "));
        uri = URI.create("https://127.0.0.1:" + port + "/idle");
    }

    static void figures(IoTransport io) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleServerProcess.class.getName(), io.name()));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            new IdleMemory(server, io).run();
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroy();
            }
        }
    }

    private void run() throws Exception {
        System.out.println("memory part: GC " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")) + " (both JVMs)");
        try (WebTransportClient dedicated = client(1); WebTransportClient warm = client(1)) {
            List<Session> warmUp = open(dedicated, false, 50);
            warmUp.addAll(open(warm, true, 200));
            closeAll(warmUp);
        }
        awaitCount(0, 0); // closing the clients closed the pooled connection, which the server would keep 30 s
        // Idle connections, one session each.
        MemoryReading server0 = serverReading();
        MemoryReading client0 = MemoryReading.afterGc();
        try (WebTransportClient client = client(1)) {
            List<Session> sessions = open(client, false, CONNECTIONS);
            awaitCount(CONNECTIONS, CONNECTIONS);
            MemoryReading server1 = serverReading();
            MemoryReading client1 = MemoryReading.afterGc();
            System.out.printf(Locale.ROOT, "server memory per idle connection (with its session), %d connections: %s%n",
                    CONNECTIONS, server1.minus(server0).perUnit(CONNECTIONS));
            System.out.printf(Locale.ROOT, "client memory per idle connection (with its session), %d connections: %s%n",
                    CONNECTIONS, client1.minus(client0).perUnit(CONNECTIONS));
            closeAll(sessions);
            awaitCount(0, 0);
        }
        // Idle sessions pooled on a few connections: one client per connection, each pooling its sessions.
        List<WebTransportClient> clients = new ArrayList<>();
        try {
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < POOLED_CONNECTIONS; i++) {
                clients.add(client(1));
                sessions.addAll(open(clients.get(i), true, 1));
            }
            awaitCount(POOLED_CONNECTIONS, POOLED_CONNECTIONS);
            MemoryReading serverBefore = serverReading();
            MemoryReading clientBefore = MemoryReading.afterGc();
            List<CompletableFuture<List<Session>>> perClient = new ArrayList<>();
            for (WebTransportClient c : clients) {
                perClient.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return open(c, true, POOLED_SESSIONS / POOLED_CONNECTIONS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<List<Session>> f : perClient) {
                sessions.addAll(f.get(300, TimeUnit.SECONDS));
            }
            int added = sessions.size() - POOLED_CONNECTIONS;
            awaitCount(POOLED_CONNECTIONS, sessions.size());
            MemoryReading serverAfter = serverReading();
            MemoryReading clientAfter = MemoryReading.afterGc();
            System.out.printf(Locale.ROOT, "server memory per idle session (pooled), %d sessions on %d connections: %s%n",
                    added, POOLED_CONNECTIONS, serverAfter.minus(serverBefore).perUnit(added));
            System.out.printf(Locale.ROOT, "client memory per idle session (pooled), %d sessions on %d connections: %s%n",
                    added, POOLED_CONNECTIONS, clientAfter.minus(clientBefore).perUnit(added));
            closeAll(sessions);
        } finally {
            clients.forEach(WebTransportClient::close);
        }
        toServer.println("quit");
    }

    private WebTransportClient client(int loops) {
        return WebTransportClient.builder().trust(cert).ioTransport(io).eventLoops(loops)
                .idleTimeout(IdleServerProcess.IDLE_TIMEOUT).build();
    }

    /** Opens {@code count} sessions, up to {@link #OPENING_AT_ONCE} at a time, and waits until each is established. */
    private List<Session> open(WebTransportClient client, boolean pooled, int count) throws Exception {
        Semaphore window = new Semaphore(OPENING_AT_ONCE);
        ConnectOptions options = ConnectOptions.DEFAULT.withPooling(pooled);
        List<CompletableFuture<Session>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.acquire();
            CompletableFuture<Session> s = client.connect(uri, options, new SessionHandler() { });
            s.whenComplete((ok, e) -> window.release());
            opening.add(s);
        }
        List<Session> open = new ArrayList<>();
        for (CompletableFuture<Session> s : opening) {
            open.add(s.get(60, TimeUnit.SECONDS));
        }
        return open;
    }

    private static void closeAll(List<Session> sessions) throws Exception {
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Session s : sessions) {
            closing.add(s.close());
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    /** Waits until the server counts these connections and open sessions (30 s at most, then says so). */
    private void awaitCount(int connections, int sessions) throws Exception {
        String want = connections + " " + sessions;
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            toServer.println("count");
            last = expect("count ");
            if (last.equals(want)) {
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("memory part: the server counts (connections, sessions) " + last + ", expected " + want);
    }

    private MemoryReading serverReading() throws Exception {
        toServer.println("measure");
        return MemoryReading.decode(expect("memory "));
    }

    /** The rest of the server's next line that starts with {@code prefix}; other lines (logs) go to stderr. */
    private String expect(String prefix) throws Exception {
        while (true) {
            String line = fromServer.readLine();
            if (line == null) {
                throw new IllegalStateException("the server process ended, expected " + prefix + "...");
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
            System.err.println("server process: " + line);
        }
    }
}
