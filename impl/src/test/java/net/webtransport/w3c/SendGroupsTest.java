package net.webtransport.w3c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.webtransport.InvalidStateError;
import net.webtransport.TypeError;
import net.webtransport.WebTransport;
import net.webtransport.WebTransportSendGroup;
import net.webtransport.WebTransportSendStream;
import net.webtransport.WebTransportSendStreamOptions;
import net.webtransport.server.ConnectResponse;
import org.junit.jupiter.api.Test;

/** Send groups (W3C §"WebTransportSendGroup", §createSendGroup) and their ownership rules. */
class SendGroupsTest {

    WebTransport open(W3cServer server) throws Exception {
        server.route = r -> ConnectResponse.accept(StreamsTest.echo(new LinkedBlockingQueue<>()));
        WebTransport wt = new WebTransport(server.url("/"), W3cServer.pinned().build());
        wt.ready().get(10, TimeUnit.SECONDS);
        return wt;
    }

    @Test
    void aStreamCreatedInAGroupBelongsToItAndTheGroupSumsItsMembersBytes() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server);
            WebTransportSendGroup group = wt.createSendGroup();
            WebTransportSendStreamOptions inGroup = WebTransportSendStreamOptions.DEFAULT.withSendGroup(group);
            WebTransportSendStream a = wt.createUnidirectionalStream(inGroup).get(10, TimeUnit.SECONDS);
            WebTransportSendStream b = wt.createUnidirectionalStream(inGroup.withSendOrder(5)).get(10, TimeUnit.SECONDS);
            assertSame(group, a.sendGroup());
            assertEquals(5, b.sendOrder());
            a.getWriter().write(new byte[1000]).get(10, TimeUnit.SECONDS);
            b.getWriter().write(new byte[2000]).get(10, TimeUnit.SECONDS);
            assertEquals(3000, group.getStats().get(10, TimeUnit.SECONDS).bytesWritten());
            a.sendGroup(null);
            assertNull(a.sendGroup());
            assertEquals(2000, group.getStats().get(10, TimeUnit.SECONDS).bytesWritten(), "a left the group");
            wt.close();
        }
    }

    @Test
    void aStreamThatFinishedNoLongerCountsInItsGroupAndTheGroupLetsGoOfIt() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server);
            WebTransportSendGroup group = wt.createSendGroup();
            WebTransportSendStreamOptions inGroup = WebTransportSendStreamOptions.DEFAULT.withSendGroup(group);
            WebTransportSendStream finished = wt.createUnidirectionalStream(inGroup).get(10, TimeUnit.SECONDS);
            WebTransportSendStream live = wt.createUnidirectionalStream(inGroup).get(10, TimeUnit.SECONDS);
            var writer = finished.getWriter();
            writer.write(new byte[1000]).get(10, TimeUnit.SECONDS);
            writer.close().get(10, TimeUnit.SECONDS);
            live.getWriter().write(new byte[2000]).get(10, TimeUnit.SECONDS);
            assertEquals(2000, group.getStats().get(10, TimeUnit.SECONDS).bytesWritten(),
                    "only streams still sending in the group count");
            wt.close();
        }
    }

    @Test
    void aGroupOfAnotherTransportIsATypeErrorOnCreationEvenWhenClosedAndAnInvalidStateErrorOnTheSetter() throws Exception {
        try (W3cServer server = new W3cServer()) {
            WebTransport wt = open(server);
            WebTransport other = open(server);
            WebTransportSendGroup foreign = other.createSendGroup();
            WebTransportSendStreamOptions withForeign = WebTransportSendStreamOptions.DEFAULT.withSendGroup(foreign);
            assertInstanceOf(TypeError.class, SessionLifecycleTest.failureOf(wt.createBidirectionalStream(withForeign)));
            WebTransportSendStream s = wt.createUnidirectionalStream().get(10, TimeUnit.SECONDS);
            assertThrows(InvalidStateError.class, () -> s.sendGroup(foreign));
            wt.close();
            assertInstanceOf(TypeError.class, SessionLifecycleTest.failureOf(wt.createUnidirectionalStream(withForeign)),
                    "the group is checked before the state");
            assertThrows(InvalidStateError.class, wt::createSendGroup);
            other.close();
        }
    }
}
