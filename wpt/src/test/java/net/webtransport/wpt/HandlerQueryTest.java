package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query as Python's {@code dict(parse_qsl(query))} reads it. */
class HandlerQueryTest {

    @Test
    void theLastValueOfARepeatedNameWins() {
        assertEquals("2", HandlerQuery.parse("a=1&a=2").get("a"));
    }

    @Test
    void namesAndValuesAreUrlDecodedWithPlusAsSpace() {
        HandlerQuery q = HandlerQuery.parse("wt-protocol=%22b%22%3B%20a%3Dc&set-cookie=foo%3Dbar&x=a+b");
        assertEquals("\"b\"; a=c", q.get("wt-protocol"));
        assertEquals("foo=bar", q.get("set-cookie"));
        assertEquals("a b", q.get("x"));
        assertEquals(":status", HandlerQuery.parse("%3Astatus=404").values().keySet().iterator().next());
    }

    @Test
    void blankValuesAndPairsWithoutAValueAreDropped() {
        HandlerQuery q = HandlerQuery.parse("a=&b&c=3");
        assertNull(q.get("a"));
        assertNull(q.get("b"));
        assertEquals(List.of("c"), List.copyOf(q.values().keySet()));
    }

    @Test
    void theRawQueryIsKept() {
        assertEquals("drain&x=%20", HandlerQuery.parse("drain&x=%20").raw());
        assertEquals("", HandlerQuery.parse(null).raw());
    }
}
