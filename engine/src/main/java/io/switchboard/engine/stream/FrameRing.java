package io.switchboard.engine.stream;

import java.util.List;

/**
 * Where a {@link StreamJournal} keeps the frames of finished streams: one array written round and round, the
 * oldest bytes overwritten first. A finished stream stays resumable for seconds to minutes, so on the heap its
 * frames were what every young collection copied at high stream rates (G1's pauses, the p99 of time to first
 * token); one large array is never copied and holds no references to trace.
 *
 * <p>The journal evicts finished streams in the order they finished, which is the order they were written
 * here, and the ring is as large as the journal's byte budget, which counts at least a stream's frame
 * bytes: everything written after a stream the journal still holds fits in the ring beside it, so such a
 * stream is never overwritten. A stream already evicted may be; {@link StreamLog} copies out what a reader still needs when it
 * is evicted, and a read of overwritten bytes returns null. Thread-safe.
 */
final class FrameRing {
    private final int capacity;
    private byte[] ring;
    /** Bytes ever reserved: the absolute position where the next block starts (before wrapping). */
    private long head;

    FrameRing(long capacity) { this.capacity = (int) Math.min(capacity, Integer.MAX_VALUE - 16); }

    /**
     * Copies {@code blocks} in back to back, {@code length} bytes in all, wrapping round the end (so that no
     * byte of the ring goes unused and the journal's byte budget bounds what is written after any stream it
     * holds); returns the position of the first, or -1 if they cannot fit at all.
     */
    synchronized long write(List<byte[]> blocks, int length) {
        if (length > capacity) return -1;
        if (ring == null) ring = new byte[capacity]; // on first use: a journal that never streams costs nothing
        long at = head;
        for (byte[] b : blocks) {
            copy(b, 0, head, b.length, true);
            head += b.length;
        }
        return at;
    }

    /** A copy of {@code length} bytes at {@code position + from}, or null if they have been overwritten. */
    synchronized byte[] read(long position, int from, int length) {
        if (head - position > capacity) return null;
        byte[] out = new byte[length];
        copy(out, 0, position + from, length, false);
        return out;
    }

    private void copy(byte[] outside, int outsideOffset, long position, int length, boolean intoRing) {
        int offset = (int) (position % capacity);
        int first = Math.min(length, capacity - offset);
        if (intoRing) {
            System.arraycopy(outside, outsideOffset, ring, offset, first);
            System.arraycopy(outside, outsideOffset + first, ring, 0, length - first);
        } else {
            System.arraycopy(ring, offset, outside, outsideOffset, first);
            System.arraycopy(ring, 0, outside, outsideOffset + first, length - first);
        }
    }
}
