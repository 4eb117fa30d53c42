package net.webtransport.wpt;

import static net.webtransport.wpt.WptLoopback.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.webtransport.wpt.EchoTest.Collector;
import org.junit.jupiter.api.Test;

/** query.py: what the stash holds under the token, taken out and sent as JSON. */
class QueryTest {

    static String query(WptLoopback loop, String token) throws Exception {
        Collector collector = new Collector();
        loop.connect("query.py?token=" + token, collector);
        return readText(collector.uni.poll(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theStashedValueIsSentAsJsonAndLeavesTheStash() throws Exception {
        try (WptLoopback loop = new WptLoopback()) {
            loop.server.stash().put("t1", Map.of("list", List.of(1, 2)));
            assertEquals("{\"list\": [1, 2]}", query(loop, "t1"));
            assertNull(loop.server.stash().take("t1"), "taken");
            assertEquals("{}", query(loop, "t1"), "nothing left: an empty object");
        }
    }
}
