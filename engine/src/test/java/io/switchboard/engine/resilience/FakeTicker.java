package io.switchboard.engine.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nano ticker tests move by hand. Starts at an arbitrary large value, like System.nanoTime. */
final class FakeTicker implements LongSupplier {
    private final AtomicLong nanos;

    FakeTicker() { this(7_000_000_000_000L); }

    FakeTicker(long start) { nanos = new AtomicLong(start); }

    @Override
    public long getAsLong() { return nanos.get(); }

    void advance(Duration d) { nanos.addAndGet(d.toNanos()); }
}
