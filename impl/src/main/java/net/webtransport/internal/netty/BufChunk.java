package net.webtransport.internal.netty;

import io.netty.buffer.ByteBuf;
import net.webtransport.internal.stream.Chunk;

/** Stream bytes in one of Netty's (usually pooled, direct) buffers, as the stream layer holds them. */
final class BufChunk implements Chunk {
    final ByteBuf buf;

    BufChunk(ByteBuf buf) {
        this.buf = buf;
    }

    @Override
    public int length() {
        return buf.readableBytes();
    }

    @Override
    public Chunk splitFirst(int n) {
        return new BufChunk(buf.readRetainedSlice(n));
    }

    @Override
    public void release() {
        buf.release();
    }
}
