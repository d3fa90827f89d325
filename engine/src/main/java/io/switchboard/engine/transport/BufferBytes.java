package io.switchboard.engine.transport;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * The bytes of a Vert.x buffer that arrived from a socket. Vert.x hands each chunk over in a heap buffer of its
 * own (a copy of Netty's pooled one, made so that handlers may keep it): when that buffer's array is exactly
 * the chunk, it is used as it is rather than copied once more.
 */
public final class BufferBytes {
    private BufferBytes() {}

    /** The buffer's bytes: its own array when that is exactly them, else a copy. */
    public static byte[] of(Buffer buffer) {
        if (buffer instanceof BufferInternal b) {
            ByteBuf buf = b.unwrap();
            if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0 && buf.writerIndex() == buf.array().length) {
                return buf.array();
            }
        }
        return buffer.getBytes();
    }
}
