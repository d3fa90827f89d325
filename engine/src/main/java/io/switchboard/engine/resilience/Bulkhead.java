package io.switchboard.engine.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A limit on concurrent calls to one target, so a slow provider cannot tie up every connection and
 * event-loop slot. Non-blocking: {@link #tryAcquire()} answers at once, and a refused call goes to a
 * fallback instead of queueing. Every successful {@code tryAcquire()} must be paired with one
 * {@link #release()}. Thread-safe and lock-free.
 */
public final class Bulkhead {
    private final int maxConcurrent;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Bulkhead(int maxConcurrent) {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1 but was " + maxConcurrent);
        this.maxConcurrent = maxConcurrent;
    }

    /** Takes a slot if one is free. */
    public boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= maxConcurrent) return false;
            if (inFlight.compareAndSet(current, current + 1)) return true;
        }
    }

    /** Gives a slot back; releasing more than was acquired is a bug and throws. */
    public void release() {
        while (true) {
            int current = inFlight.get();
            if (current == 0) throw new IllegalStateException("release() without a matching tryAcquire()");
            if (inFlight.compareAndSet(current, current - 1)) return;
        }
    }

    public int inFlight() { return inFlight.get(); }

    public int available() { return maxConcurrent - inFlight.get(); }

    public int maxConcurrent() { return maxConcurrent; }
}
