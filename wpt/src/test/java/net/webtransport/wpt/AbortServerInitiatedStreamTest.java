package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.transport.ReceiveStream;
import net.webtransport.transport.StreamResetException;
import org.junit.jupiter.api.Test;

/** abort-server-initiated-stream.py. */
class AbortServerInitiatedStreamTest {

    @Test
    void theServersUniStreamIsResetWithCodeZeroBeforeHelloGetsOut() throws Exception {
        EchoTest.Collector collector = new EchoTest.Collector();
        try (WptLoopback loop = new WptLoopback()) {
            loop.connect("abort-server-initiated-stream.py", collector);
            ReceiveStream s = collector.uni.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "the stream header arrives");
            ExecutionException read = assertThrows(ExecutionException.class,
                    () -> s.read().get(10, TimeUnit.SECONDS), "no byte of hello, only the reset");
            StreamResetException reset = assertInstanceOf(StreamResetException.class, read.getCause());
            assertEquals(0x52e4a40fa8dbL, reset.http3ErrorCode());
            assertEquals(0, reset.errorCode());
        }
    }
}
