package io.switchboard.engine.resilience;

import java.time.Duration;

/**
 * Sum of events over a sliding time window, kept as a ring of equal time slots (the window moves one
 * slot at a time, so its edge is accurate to {@code window / slots}). Not thread-safe: owners lock.
 */
final class WindowedCounter {
    private final long slotNanos;
    private final long[] counts;
    /** For each slot, the absolute slot number it currently holds; a stale number means "empty". */
    private final long[] slotNumbers;

    WindowedCounter(Duration window, int slots) {
        if (slots < 1) throw new IllegalArgumentException("slots must be >= 1 but was " + slots);
        long windowNanos = window.toNanos();
        if (windowNanos < slots) throw new IllegalArgumentException("window too short for " + slots + " slots: " + window);
        this.slotNanos = windowNanos / slots;
        this.counts = new long[slots];
        this.slotNumbers = new long[slots];
        java.util.Arrays.fill(slotNumbers, Long.MIN_VALUE);
    }

    void add(long nowNanos, long amount) {
        long slotNumber = Math.floorDiv(nowNanos, slotNanos);
        int index = (int) Math.floorMod(slotNumber, (long) counts.length);
        if (slotNumbers[index] != slotNumber) {
            slotNumbers[index] = slotNumber;
            counts[index] = 0;
        }
        counts[index] += amount;
    }

    long sum(long nowNanos) {
        long current = Math.floorDiv(nowNanos, slotNanos);
        long oldestLive = current - counts.length + 1;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            long n = slotNumbers[i];
            if (n >= oldestLive && n <= current) total += counts[i];
        }
        return total;
    }
}
