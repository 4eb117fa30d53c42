package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON as Python's json.dumps writes it by default, which upstream's handlers use. */
class JsonTest {

    @Test
    void membersAreSeparatedLikePythonsDefaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("length", 1200);
        m.put("list", List.of(1, "a"));
        m.put("flag", true);
        m.put("none", null);
        assertEquals("{\"length\": 1200, \"list\": [1, \"a\"], \"flag\": true, \"none\": null}", Json.write(m));
    }

    @Test
    void nonAsciiAndControlCharactersAreEscaped() {
        assertEquals("\"caf\\u00e9 \\\"q\\\" \\\\ \\n \\u0001\"", Json.write("caf\u00e9 \"q\" \\ \n \u0001"));
        assertEquals("[]", Json.write(Arrays.asList()));
    }
}
