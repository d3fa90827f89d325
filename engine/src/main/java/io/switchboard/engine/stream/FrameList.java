package io.switchboard.engine.stream;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The framed events of one {@link StreamLog}, oldest first, with their sequence numbers. While the stream is
 * open each frame is its own array; {@link #pack()} (when it ends) copies them into one array with an offset
 * table. A finished stream stays in the journal for seconds to minutes, so it is what the young collections
 * copy and the old generation churns through: one array per stream instead of two objects per event made
 * G1's pauses shorter at high stream rates. Given its journal's {@link FrameRing}, the packed bytes go there,
 * off the collector's path altogether. Not thread-safe; the owning log synchronizes.
 */
final class FrameList {
    private ArrayList<byte[]> frames = new ArrayList<>();
    private long[] sequences = new long[16];
    /** After {@link #pack()}: every frame back to back, frame i at {@code [offsets[i], offsets[i + 1])}. */
    private byte[] packed;
    private int[] offsets;
    /** When packed into a ring: where, else null. */
    private FrameRing ring;
    private long ringPosition;
    /** Frames dropped from the front (of the packed form, or of {@link #sequences} while open). */
    private int dropped;
    private int size;

    int size() { return size; }

    void add(byte[] frame, long sequence) {
        if (frames == null) throw new IllegalStateException("a packed frame list is read-only");
        if (dropped + size == sequences.length) sequences = Arrays.copyOf(sequences, sequences.length * 2);
        sequences[dropped + size] = sequence;
        frames.add(frame);
        size++;
    }

    /** Frame {@code i} (0 is the oldest kept); a copy once packed; null if the ring has overwritten it. */
    byte[] frame(int i) {
        int at = dropped + i;
        if (ring != null) return ring.read(ringPosition, offsets[at], offsets[at + 1] - offsets[at]);
        if (packed == null) return frames.get(i);
        return Arrays.copyOfRange(packed, offsets[at], offsets[at + 1]);
    }

    /**
     * Frames {@code [from, to)} back to back in one array: one copy out of the packed array or the ring (none
     * for a single frame of an open stream, whose array is never written again); null if the ring overwrote them.
     */
    byte[] join(int from, int to) {
        if (frames != null && to - from == 1) return frames.get(from);
        if (frames == null) {
            int start = offsets[dropped + from];
            int length = offsets[dropped + to] - start;
            return ring != null ? ring.read(ringPosition, start, length) : Arrays.copyOfRange(packed, start, start + length);
        }
        int n = 0;
        for (int i = from; i < to; i++) n += frames.get(i).length;
        byte[] out = new byte[n];
        int at = 0;
        for (int i = from; i < to; i++) {
            byte[] f = frames.get(i);
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    int length(int i) {
        if (frames != null) return frames.get(i).length;
        int at = dropped + i;
        return offsets[at + 1] - offsets[at];
    }

    long sequence(int i) { return sequences[dropped + i]; }

    void dropFirst(int count) {
        if (count == 0) return;
        if (frames != null) frames.subList(0, count).clear();
        dropped += count;
        size -= count;
        if (frames != null && dropped > size) { // keep a long, trimmed stream's sequence table from growing
            System.arraycopy(sequences, dropped, sequences, 0, size);
            dropped = 0;
        }
    }

    /** Copies the kept frames into one array; later {@link #add}s fail. */
    void pack() { pack(null); }

    /** As {@link #pack()}, into {@code into} when given (and the frames fit it). */
    void pack(FrameRing into) {
        if (frames == null) return;
        int[] starts = new int[size + 1];
        for (int i = 0; i < size; i++) starts[i + 1] = starts[i] + frames.get(i).length;
        long position = into == null ? -1 : into.write(frames, starts[size]);
        if (position >= 0) {
            ring = into;
            ringPosition = position;
        } else {
            packed = new byte[starts[size]];
            for (int i = 0; i < size; i++) System.arraycopy(frames.get(i), 0, packed, starts[i], starts[i + 1] - starts[i]);
        }
        sequences = Arrays.copyOfRange(sequences, dropped, dropped + size);
        offsets = starts;
        frames = null;
        dropped = 0;
    }

    /**
     * Moves the kept frames from the ring back to the heap, before the ring may overwrite them (the journal
     * has let the stream go, but a reader still needs them). False if they were overwritten already.
     */
    boolean toHeap() {
        if (ring == null) return true;
        int from = offsets[dropped];
        byte[] bytes = ring.read(ringPosition, from, offsets[dropped + size] - from);
        if (bytes == null) return false;
        int[] starts = new int[size + 1];
        for (int i = 0; i <= size; i++) starts[i] = offsets[dropped + i] - from;
        sequences = Arrays.copyOfRange(sequences, dropped, dropped + size);
        offsets = starts;
        packed = bytes;
        dropped = 0;
        ring = null;
        return true;
    }
}
