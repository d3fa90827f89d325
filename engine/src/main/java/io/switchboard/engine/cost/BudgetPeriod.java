package io.switchboard.engine.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * How often a budget resets. Windows follow the wall clock of a configured {@link ZoneId}: a DAY budget
 * resets at local midnight (or at the first instant of the day, where midnight is skipped by a DST change),
 * so a DST day is 23 or 25 hours long; a MONTH budget resets at the start of the first day of the month.
 * MINUTE and HOUR windows align to the local clock's minute and hour and last a real minute or hour, so the
 * repeated hour at the end of summer time is two separate windows.
 */
public enum BudgetPeriod {
    MINUTE, HOUR, DAY, MONTH;

    /** The window of this period that contains {@code instant}, in {@code zone}'s wall-clock time. */
    public BudgetWindow windowAt(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return switch (this) {
            case MINUTE -> clockAligned(instant, local, ChronoUnit.MINUTES);
            case HOUR -> clockAligned(instant, local, ChronoUnit.HOURS);
            case DAY -> span(local.toLocalDate().atStartOfDay(zone), local.toLocalDate().plusDays(1).atStartOfDay(zone));
            case MONTH -> {
                LocalDate first = local.toLocalDate().withDayOfMonth(1);
                yield span(first.atStartOfDay(zone), first.plusMonths(1).atStartOfDay(zone));
            }
        };
    }

    /**
     * The window that began when the local clock last showed a whole {@code unit}, reading the clock in the
     * instant's own offset. ({@code ZonedDateTime.truncatedTo} may resolve into the other offset of a DST
     * overlap and miss the instant.) Where the offset moves by a fraction of the unit (Lord Howe's 30 minutes)
     * two windows overlap once a year; every instant still lies in its own window.
     */
    private static BudgetWindow clockAligned(Instant instant, ZonedDateTime local, ChronoUnit unit) {
        Duration sinceBoundary = Duration.between(local.toLocalDateTime().truncatedTo(unit), local.toLocalDateTime());
        Instant start = instant.minus(sinceBoundary);
        return new BudgetWindow(start, start.plus(unit.getDuration()));
    }

    private static BudgetWindow span(ZonedDateTime start, ZonedDateTime end) {
        return new BudgetWindow(start.toInstant(), end.toInstant());
    }
}
