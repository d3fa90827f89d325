package io.switchboard.engine.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A test clock that only moves when told to. */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) { now = new AtomicReference<>(start); }

    public static MutableClock at(String isoInstant) { return new MutableClock(Instant.parse(isoInstant)); }

    public void advance(Duration d) { now.updateAndGet(i -> i.plus(d)); }

    public void set(Instant instant) { now.set(instant); }

    @Override
    public Instant instant() { return now.get(); }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("tests use UTC clocks"); }
}
