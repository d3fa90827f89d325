package io.switchboard.engine.stream;

import java.util.Arrays;

/**
 * A 64-bit content hash (FNV-1a) of each event passed on, by sequence number, so a replayed event can be
 * checked against the one the client already has. Eight bytes per event; sequence numbers count from 0.
 */
final class EventHashes {
    private long[] hashes = new long[64];
    private int size;

    void put(long sequence, String data) {
        if (sequence < 0 || sequence > Integer.MAX_VALUE - 8) return;
        int i = (int) sequence;
        if (i >= hashes.length) hashes = Arrays.copyOf(hashes, Math.max(i + 1, hashes.length * 2));
        hashes[i] = hash(data);
        size = Math.max(size, i + 1);
    }

    /** True when an event with this sequence number was passed on and {@code data} is not what it carried. */
    boolean differs(long sequence, String data) {
        if (sequence < 0 || sequence >= size) return false;
        long known = hashes[(int) sequence];
        return known != 0 && known != hash(data);
    }

    void clear() {
        Arrays.fill(hashes, 0, size, 0);
        size = 0;
    }

    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }
}
