package io.switchboard.engine.cost;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time window {@code [start, end)} in which a budget's spend accumulates. */
public record BudgetWindow(Instant start, Instant end) {

    public BudgetWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) throw new IllegalArgumentException("window end " + end + " is not after start " + start);
    }

    public boolean contains(Instant instant) { return !instant.isBefore(start) && instant.isBefore(end); }

    /** Real elapsed length; a DST day is 23 or 25 hours long. */
    public Duration length() { return Duration.between(start, end); }
}
