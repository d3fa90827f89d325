package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void minuteAndHourWindowsAlignToTheClock() {
        Instant t = Instant.parse("2026-05-05T10:17:42.5Z");
        assertThat(BudgetPeriod.MINUTE.windowAt(t, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(Instant.parse("2026-05-05T10:17:00Z"), Instant.parse("2026-05-05T10:18:00Z")));
        assertThat(BudgetPeriod.HOUR.windowAt(t, ZoneOffset.UTC))
                .isEqualTo(new BudgetWindow(Instant.parse("2026-05-05T10:00:00Z"), Instant.parse("2026-05-05T11:00:00Z")));
    }

    @Test
    void hourWindowsFollowHalfHourZones() {
        BudgetWindow w = BudgetPeriod.HOUR.windowAt(Instant.parse("2026-05-05T10:17:00Z"), ZoneId.of("Asia/Kolkata"));
        assertThat(w.start()).isEqualTo(Instant.parse("2026-05-05T09:30:00Z")); // 15:00 IST
        assertThat(w.length()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void dayResetsAtLocalMidnightNotUtc() {
        BudgetWindow w = BudgetPeriod.DAY.windowAt(Instant.parse("2026-05-06T02:00:00Z"), NEW_YORK); // 22:00 on the 5th
        assertThat(w.start()).isEqualTo(Instant.parse("2026-05-05T04:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-05-06T04:00:00Z"));
    }

    @Test
    void springForwardDayIs23HoursLong() {
        // US DST began 2026-03-08 at 02:00 local
        BudgetWindow w = BudgetPeriod.DAY.windowAt(Instant.parse("2026-03-08T15:00:00Z"), NEW_YORK);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(w.length()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void fallBackDayIs25HoursLong() {
        // EU summer time ended 2026-10-25 at 03:00 local
        BudgetWindow w = BudgetPeriod.DAY.windowAt(Instant.parse("2026-10-25T12:00:00Z"), BERLIN);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(w.length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void theRepeatedHourAtFallBackIsTwoWindows() {
        // New York 2026-11-01: 01:00-02:00 happens twice (EDT, then EST)
        BudgetWindow first = BudgetPeriod.HOUR.windowAt(Instant.parse("2026-11-01T05:30:00Z"), NEW_YORK);
        BudgetWindow second = BudgetPeriod.HOUR.windowAt(Instant.parse("2026-11-01T06:30:00Z"), NEW_YORK);
        assertThat(first).isEqualTo(new BudgetWindow(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T06:00:00Z")));
        assertThat(second).isEqualTo(new BudgetWindow(Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T07:00:00Z")));
    }

    @Test
    void dayStartsAtTheFirstInstantWhenMidnightIsSkipped() {
        // Sao Paulo skipped 2018-11-04 00:00-01:00: that day began at 01:00 local (03:00Z)
        BudgetWindow w = BudgetPeriod.DAY.windowAt(Instant.parse("2018-11-04T12:00:00Z"), ZoneId.of("America/Sao_Paulo"));
        assertThat(w.start()).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        assertThat(w.length()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void monthWindowsCoverWholeCalendarMonthsAcrossDst() {
        BudgetWindow march = BudgetPeriod.MONTH.windowAt(Instant.parse("2026-03-31T23:00:00Z"), BERLIN); // 01:00 on April 1st
        assertThat(march.start()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2026-04-30T22:00:00Z"));

        BudgetWindow feb = BudgetPeriod.MONTH.windowAt(Instant.parse("2028-02-29T12:00:00Z"), ZoneOffset.UTC);
        assertThat(feb.end()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(feb.length()).isEqualTo(Duration.ofDays(29));

        BudgetWindow december = BudgetPeriod.MONTH.windowAt(Instant.parse("2026-12-31T23:59:59Z"), ZoneOffset.UTC);
        assertThat(december.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void consecutiveWindowsTileTheTimelineThroughDstChanges() {
        walk(BudgetPeriod.MINUTE, NEW_YORK, "2026-11-01T05:50:00Z", 30);
        walk(BudgetPeriod.HOUR, NEW_YORK, "2026-10-31T00:00:00Z", 72);
        walk(BudgetPeriod.HOUR, NEW_YORK, "2026-03-07T00:00:00Z", 72);
        walk(BudgetPeriod.DAY, BERLIN, "2026-03-01T00:00:00Z", 250);
        walk(BudgetPeriod.MONTH, BERLIN, "2026-01-01T00:00:00Z", 30);
        walk(BudgetPeriod.DAY, ZoneId.of("Australia/Lord_Howe"), "2026-03-01T00:00:00Z", 250);
    }

    @Test
    void halfHourDstShiftsStillPlaceEveryInstantInItsWindow() {
        // Lord Howe moves its clock by 30 minutes, so its local hours overlap once a year; containment still holds
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        for (Instant t = Instant.parse("2026-04-04T12:00:00Z"); t.isBefore(Instant.parse("2026-04-05T06:00:00Z"));
             t = t.plus(Duration.ofMinutes(10))) {
            assertThat(BudgetPeriod.HOUR.windowAt(t, lordHowe).contains(t)).as("%s", t).isTrue();
        }
    }

    private static void walk(BudgetPeriod period, ZoneId zone, String from, int windows) {
        BudgetWindow w = period.windowAt(Instant.parse(from), zone);
        for (int i = 0; i < windows; i++) {
            Instant inside = w.start().plus(w.length().dividedBy(2));
            assertThat(period.windowAt(inside, zone)).as("%s %s", period, inside).isEqualTo(w);
            BudgetWindow next = period.windowAt(w.end(), zone);
            assertThat(next.start()).as("%s %s after %s", period, zone, w).isEqualTo(w.end());
            w = next;
        }
    }
}
