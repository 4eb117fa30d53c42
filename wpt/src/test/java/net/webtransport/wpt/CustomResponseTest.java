package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;
import net.webtransport.transport.Session;
import net.webtransport.transport.SessionRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** custom-response.py: the query becomes the response's status and headers. */
class CustomResponseTest {

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {200, 204})
    void a2xxStatusFromTheQueryEstablishesTheSession(int status) throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect("custom-response.py?:status=" + status);
            assertEquals(String.valueOf(status), session.responseHeaders().get(":status"));
        }
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {301, 401, 404})
    void anyOtherStatusRefusesIt(int status) throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> loop.connect("custom-response.py?%3Astatus=" + status));
            assertEquals(status, assertInstanceOf(SessionRejectedException.class, e.getCause()).status());
        }
    }

    @Test
    void everyOtherPairBecomesAResponseHeaderAsItIs() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            Session session = loop.connect(
                    "custom-response.py?x-test-header=hello&x-other=world&set-cookie=foo%3Dbar&wt-protocol=%22b%22%3B%20a%3Dc");
            assertEquals("200", session.responseHeaders().get(":status"));
            assertEquals("hello", session.responseHeaders().get("x-test-header"));
            assertEquals("world", session.responseHeaders().get("x-other"));
            assertEquals("foo=bar", session.responseHeaders().get("set-cookie"));
            assertEquals("\"b\"; a=c", session.responseHeaders().get("wt-protocol"));
        }
    }
}
