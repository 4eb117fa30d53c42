package net.webtransport.it;

import static net.webtransport.it.Loopback.readAll;
import static net.webtransport.it.Loopback.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ConnectResponse;
import net.webtransport.transport.BidirectionalStream;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void theServerListensOnIpv4AndIpv6LoopbackByDefault() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            for (String host : new String[] {"127.0.0.1", "[::1]"}) {
                Session s = loop.client.connect(URI.create("https://" + host + ":" + loop.server.port() + "/"),
                        new SessionHandler() { }).get(5, TimeUnit.SECONDS);
                BidirectionalStream stream = s.openBidirectionalStream().get(5, TimeUnit.SECONDS);
                stream.writable().write(utf8(host));
                stream.writable().finish();
                assertEquals(host, utf8(readAll(stream.readable()).get(5, TimeUnit.SECONDS)));
                s.close();
            }
        }
    }

    @Test
    void aUrlThatIsNotHttpsOrHasAFragmentIsRefusedAtOnce() throws Exception {
        try (WebTransportClient client = WebTransportClient.builder().build()) {
            assertThrows(IllegalArgumentException.class,
                    () -> client.connect(URI.create("http://localhost:1/"), new SessionHandler() { }));
            assertThrows(IllegalArgumentException.class,
                    () -> client.connect(URI.create("https://localhost:1/#frag"), new SessionHandler() { }));
        }
    }

    @Test
    void aServerThatCannotBeReachedFailsTheConnectWithinTheTimeout() throws Exception {
        try (WebTransportClient client = WebTransportClient.builder()
                .connectTimeout(java.time.Duration.ofMillis(500)).build()) {
            // Nothing listens on this port: QUIC gets no answer at all.
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(
                    URI.create("https://127.0.0.1:9/"), new SessionHandler() { }).get(5, TimeUnit.SECONDS));
            assertInstanceOf(WebTransportException.class, e.getCause());
        }
    }

    @Test
    void closingTheClientAndTheServerLeavesNoNetworkThreadBehind() throws Exception {
        Set<String> before = networkThreads();
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new EchoHandler()))) {
            Session s = loop.connect("/", new SessionHandler() { });
            s.openBidirectionalStream().get(5, TimeUnit.SECONDS).writable().write(utf8("x"));
        }
        Set<String> after = networkThreads();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "threads left running: " + after);
    }

    private static Set<String> networkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("multiThreadIoEventLoopGroup"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
