package net.webtransport.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other test class (see junit-platform.properties): no Netty buffer leaked. */
@Order(Integer.MAX_VALUE)
class NoLeakTest {

    @Test
    void noNettyBufferLeakedDuringTheRun() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            // Netty reports collected-but-unreleased buffers when it tracks the next one.
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            probe.release();
        }
        assertEquals(List.of(), List.copyOf(LeakRecorder.LEAKS));
    }
}
