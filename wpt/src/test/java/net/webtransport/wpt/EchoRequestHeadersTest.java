package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import net.webtransport.wpt.EchoTest.Collector;
import org.junit.jupiter.api.Test;

/** echo-request-headers.py: the request's fields come back as JSON on a server unidirectional stream. */
class EchoRequestHeadersTest {

    @Test
    void theRequestFieldsComeBackAsAJsonObjectPseudoHeadersIncluded() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.open("echo-request-headers.py", WptLoopback.headers("x-custom", "a", "x-custom", "b"), collector)
                    .get(5, TimeUnit.SECONDS);
            String json = readText(collector.uni.poll(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            assertTrue(json.startsWith("{\":method\": \"CONNECT\", \":protocol\": \"webtransport-h3\", \":scheme\": \"https\", "
                    + "\":authority\": \"localhost:" + loop.server.port() + "\", \":path\": \"/webtransport/handlers/echo-request-headers.py\""), json);
            assertTrue(json.contains("\"x-custom\": \"b\""), "a repeated name keeps its last value: " + json);
            assertTrue(json.contains("\"origin\": \"" + WptLoopback.ORIGIN + "\""), json);
            assertTrue(json.endsWith("}"), json);
        }
    }

    @Test
    void withFormatListEveryValueIsKeptInAList() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.open("echo-request-headers.py?format=list", WptLoopback.headers("x-custom", "a", "x-custom", "b"), collector)
                    .get(5, TimeUnit.SECONDS);
            String json = readText(collector.uni.poll(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            assertTrue(json.contains("\"x-custom\": [\"a\", \"b\"]"), json);
            assertTrue(json.contains("\":method\": [\"CONNECT\"]"), json);
        }
    }

    @Test
    void theOfferedProtocolsAreEchoedAsTheClientSerializedThem() throws Exception {
        Collector collector = new Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.open("echo-request-headers.py",
                    net.webtransport.client.WebTransportClient.ConnectOptions.DEFAULT.withProtocols(java.util.List.of("a", "b", "c")),
                    collector).get(5, TimeUnit.SECONDS);
            String json = readText(collector.uni.poll(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            assertTrue(json.contains("\"wt-available-protocols\": \"\\\"a\\\", \\\"b\\\", \\\"c\\\"\""), json);
            assertEquals(1, json.chars().filter(c -> c == '{').count());
        }
    }
}
