package net.webtransport.wpt;

import java.util.LinkedHashMap;
import java.util.Map;
import net.webtransport.wpt.handlers.AbortServerInitiatedStream;
import net.webtransport.wpt.handlers.AbortStreamFromServer;
import net.webtransport.wpt.handlers.Echo;
import net.webtransport.wpt.handlers.SendOrder;
import net.webtransport.wpt.handlers.SendOrderScheduling;
import net.webtransport.wpt.handlers.ServerCreateMultipleStreams;
import net.webtransport.wpt.handlers.ServerDrain;
import net.webtransport.wpt.handlers.StatsDataTransfer;
import net.webtransport.wpt.handlers.TokenCount;

/** Every handler this server offers, by the file name upstream gives it. */
public final class Handlers {
    private Handlers() {
    }

    public static Map<String, WptHandler> all() {
        Map<String, WptHandler> h = new LinkedHashMap<>();
        h.put("echo.py", new Echo());
        h.put("abort-stream-from-server.py", new AbortStreamFromServer());
        h.put("server-create-multiple-streams.py", new ServerCreateMultipleStreams());
        h.put("server-drain.py", new ServerDrain());
        h.put("sendorder.py", new SendOrder());
        h.put("token-count.py", new TokenCount());
        h.put("abort-server-initiated-stream.py", new AbortServerInitiatedStream());
        h.put("sendorder-scheduling.py", new SendOrderScheduling());
        h.put("stats-data-transfer.py", new StatsDataTransfer());
        return h;
    }
}
