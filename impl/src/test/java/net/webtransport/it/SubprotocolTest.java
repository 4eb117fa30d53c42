package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.internal.wire.ErrorCodes;
import net.webtransport.server.ConnectRequest;
import net.webtransport.server.ConnectResponse;
import net.webtransport.server.ServerHandler;
import net.webtransport.transport.CloseInfo;
import net.webtransport.transport.HttpFields;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionClosedException;
import net.webtransport.transport.SessionHandler;
import org.junit.jupiter.api.Test;

/** Application protocol negotiation end to end (draft-ietf-webtrans-http3 §3.3, W3C {@code protocol}). */
class SubprotocolTest {
    private static final List<String> OFFER = List.of("a", "b", "c");

    private static Session connect(Loopback loop, ConnectOptions options) throws Exception {
        return loop.client.connect(loop.uri("/"), options, new SessionHandler() { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theServerSeesTheOfferInOrderAndBothSidesAgreeOnItsChoice() throws Exception {
        CompletableFuture<List<String>> offered = new CompletableFuture<>();
        CompletableFuture<Session> serverSession = new CompletableFuture<>();
        ServerHandler handler = request -> {
            offered.complete(request.offeredProtocols());
            String choice = request.preferredProtocol(Set.of("c", "b")).orElseThrow();
            return ConnectResponse.accept(new SessionHandler() {
                @Override
                public void onOpen(Session session) {
                    serverSession.complete(session);
                }
            }).withProtocol(choice);
        };
        try (Loopback loop = new Loopback(handler)) {
            Session session = connect(loop, ConnectOptions.DEFAULT.withProtocols(OFFER));
            assertEquals(OFFER, offered.get(5, TimeUnit.SECONDS));
            assertEquals("b", session.protocol(), "the client's preference wins among those the server supports");
            assertEquals("b", serverSession.get(5, TimeUnit.SECONDS).protocol());
            assertEquals("\"a\", \"b\", \"c\"", session.requestHeaders().get("wt-available-protocols"));
        }
    }

    @Test
    void aChoiceTheClientDidNotOfferIsIgnored() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new SessionHandler() { }).withProtocol("d"))) {
            Session session = connect(loop, ConnectOptions.DEFAULT.withProtocols(OFFER));
            assertEquals("", session.protocol());
            assertEquals("\"d\"", session.responseHeaders().get("wt-protocol"));
        }
    }

    @Test
    void aMalformedChoiceIsIgnored() throws Exception {
        ServerHandler tokenNotString = r -> ConnectResponse.accept(new SessionHandler() { }, HttpFields.of("wt-protocol", "b"));
        try (Loopback loop = new Loopback(tokenNotString)) {
            assertEquals("", connect(loop, ConnectOptions.DEFAULT.withProtocols(OFFER)).protocol());
        }
    }

    @Test
    void withoutAnOfferThereIsNoProtocolWhateverTheServerSays() throws Exception {
        try (Loopback loop = new Loopback(r -> ConnectResponse.accept(new SessionHandler() { }).withProtocol("a"))) {
            Session session = connect(loop, ConnectOptions.DEFAULT);
            assertEquals("", session.protocol());
            assertEquals(null, session.requestHeaders().get("wt-available-protocols"));
        }
    }

    @Test
    void aClientRequiringAProtocolFailsWithWtAlpnErrorWhenTheServerChoosesNone() throws Exception {
        CompletableFuture<CloseInfo> serverSaw = new CompletableFuture<>();
        ServerHandler noChoice = r -> ConnectResponse.accept(new SessionHandler() {
            @Override
            public void onClosed(Session session, CloseInfo info) {
                serverSaw.complete(info);
            }
        });
        try (Loopback loop = new Loopback(noChoice)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> connect(loop, ConnectOptions.DEFAULT.requiringOneOf(OFFER)));
            SessionClosedException closed = assertInstanceOf(SessionClosedException.class, e.getCause());
            assertEquals(ErrorCodes.WT_ALPN_ERROR, closed.closeInfo().errorCode());
            assertEquals(ErrorCodes.WT_ALPN_ERROR, serverSaw.get(5, TimeUnit.SECONDS).errorCode(),
                    "the server sees its session end with the client's WT_ALPN_ERROR");
        }
    }

    @Test
    void offersABrowserWouldRefuseAreRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withProtocols(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withProtocols(List.of("\u8aa4")));
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withProtocols(List.of("test", "test")));
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withProtocols(List.of("a".repeat(513))));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.DEFAULT.withHeaders(HttpFields.of("WT-Available-Protocols", "\"a\"")));
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.requiringOneOf(List.of()));
    }

    @Test
    void aServerCanOnlyNameAProtocolAnSfStringCanCarry() {
        ConnectResponse accept = ConnectResponse.accept(new SessionHandler() { });
        assertThrows(IllegalArgumentException.class, () -> accept.withProtocol(""));
        assertThrows(IllegalArgumentException.class, () -> accept.withProtocol("caf\u00e9"));
        assertEquals("\"x\\\"y\"", accept.withProtocol("x\"y").headers().get("wt-protocol"));
        assertEquals(List.of("\"z\""), accept.withProtocol("y").withProtocol("z").headers().getAll("wt-protocol"));
    }

    /** A request whose field is not a list of strings offers nothing, so the server sees no offer. */
    @Test
    void aServerSeesNoOfferInAFieldThatIsNotAListOfStrings() {
        ConnectRequest request = new ConnectRequest(HttpFields.of(":path", "/", "wt-available-protocols", "a, b"), null);
        assertEquals(List.of(), request.offeredProtocols());
    }
}
