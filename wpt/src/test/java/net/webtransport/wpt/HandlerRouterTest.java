package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient.ConnectOptions;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.SessionRejectedException;
import org.junit.jupiter.api.Test;

/** Routing as upstream's server does it. */
class HandlerRouterTest {

    static int statusOf(ExecutionException e) {
        return assertInstanceOf(SessionRejectedException.class, e.getCause()).status();
    }

    @Test
    void anUnknownHandlerGets404() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> loop.connect("no-such-handler.py"));
            assertEquals(404, statusOf(e));
        }
    }

    @Test
    void aPathOutsideTheHandlerFolderGets404() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> loop.client.connect(
                    java.net.URI.create("https://localhost:" + loop.server.port() + "/echo.py"),
                    ConnectOptions.DEFAULT.withOrigin(WptLoopback.ORIGIN), new SessionHandler() { }).get(5, TimeUnit.SECONDS));
            assertEquals(404, statusOf(e));
        }
    }

    @Test
    void aRequestWithoutOriginGets403() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> loop.client.connect(loop.url("echo.py"), new SessionHandler() { }).get(5, TimeUnit.SECONDS));
            assertEquals(403, statusOf(e));
        }
    }

    @Test
    void theQueryTakesNoPartInTheLookup() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("echo.py?x=1&y=2").close().get(5, TimeUnit.SECONDS);
        }
    }
}
