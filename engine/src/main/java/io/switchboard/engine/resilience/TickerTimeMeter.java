package io.switchboard.engine.resilience;

import io.github.bucket4j.TimeMeter;

import java.util.function.LongSupplier;

/** Lets bucket4j read time from our injected monotonic ticker instead of {@code System.nanoTime()}. */
record TickerTimeMeter(LongSupplier nanoTicker) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
        return nanoTicker.getAsLong();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
