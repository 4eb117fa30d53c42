package net.webtransport.internal.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A chunk over a heap buffer that remembers whether it was released, for the stream-layer tests. */
final class HeapChunk implements Chunk {
    static final List<HeapChunk> ALL = new ArrayList<>();

    private final ByteBuffer bytes;
    boolean released;

    private HeapChunk(ByteBuffer bytes) {
        this.bytes = bytes;
        ALL.add(this);
    }

    static HeapChunk of(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return new HeapChunk(ByteBuffer.wrap(b));
    }

    @Override
    public int length() {
        return bytes.remaining();
    }

    @Override
    public Chunk splitFirst(int n) {
        ByteBuffer first = bytes.slice(bytes.position(), n);
        bytes.position(bytes.position() + n);
        return new HeapChunk(first);
    }

    @Override
    public void release() {
        if (released) {
            throw new IllegalStateException("released twice");
        }
        released = true;
    }
}
