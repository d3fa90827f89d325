package io.switchboard.engine.resilience;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link Clock} that moves with a monotonic nano ticker from a fixed starting instant, so the pieces that
 * need a {@code Clock} (the breaker's open wait, HTTP-date retry hints) follow the same time source as
 * deadlines and buckets; a test that advances the ticker moves them all.
 */
public final class TickerClock extends Clock {
    private final LongSupplier nanoTicker;
    private final Instant origin;
    private final long originNanos;

    public TickerClock(LongSupplier nanoTicker, Instant origin) {
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.originNanos = nanoTicker.getAsLong();
    }

    /** Starts at the system's current time. */
    public static TickerClock startingNow(LongSupplier nanoTicker) { return new TickerClock(nanoTicker, Instant.now()); }

    @Override
    public Instant instant() { return origin.plusNanos(nanoTicker.getAsLong() - originNanos); }

    @Override
    public long millis() { return instant().toEpochMilli(); }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) return this;
        throw new UnsupportedOperationException("a ticker clock is UTC only");
    }
}
