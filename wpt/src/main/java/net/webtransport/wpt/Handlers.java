package net.webtransport.wpt;

import java.util.LinkedHashMap;
import java.util.Map;
import net.webtransport.wpt.handlers.AbortServerInitiatedStream;
import net.webtransport.wpt.handlers.AbortStreamFromServer;
import net.webtransport.wpt.handlers.ClientClose;
import net.webtransport.wpt.handlers.CustomResponse;
import net.webtransport.wpt.handlers.Echo;
import net.webtransport.wpt.handlers.EchoDatagramLength;
import net.webtransport.wpt.handlers.EchoRequestHeaders;
import net.webtransport.wpt.handlers.Query;
import net.webtransport.wpt.handlers.SendOrder;
import net.webtransport.wpt.handlers.SendOrderScheduling;
import net.webtransport.wpt.handlers.ServerClose;
import net.webtransport.wpt.handlers.ServerCreateMultipleStreams;
import net.webtransport.wpt.handlers.ServerDrain;
import net.webtransport.wpt.handlers.ServerReadThenClose;
import net.webtransport.wpt.handlers.StatsDataTransfer;
import net.webtransport.wpt.handlers.TokenCount;

/** Every handler this server offers, by the file name upstream gives it. */
public final class Handlers {
    private Handlers() {
    }

    public static Map<String, WptHandler> all() {
        Map<String, WptHandler> h = new LinkedHashMap<>();
        h.put("echo.py", new Echo());
        h.put("echo_datagram_length.py", new EchoDatagramLength());
        h.put("echo-request-headers.py", new EchoRequestHeaders());
        h.put("custom-response.py", new CustomResponse());
        h.put("client-close.py", new ClientClose());
        h.put("query.py", new Query());
        h.put("server-close.py", new ServerClose());
        h.put("server-read-then-close.py", new ServerReadThenClose(false));
        h.put("server-connection-close.py", new ServerReadThenClose(true));
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
