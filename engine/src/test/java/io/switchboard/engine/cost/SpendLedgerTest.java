package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.model.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendLedgerTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.at("2026-06-15T12:00:00Z");

    private static SpendRecord call(String requestId, String key, String model, String usd, Instant at) {
        return SpendRecord.builder().requestId(requestId).keyId(key).team("research").route("default")
                .provider(model.startsWith("claude") ? "anthropic" : "openai").model(model)
                .usage(new Usage(1200, 300, 200, 100, 50)).cost(Money.usd(usd)).at(at).build();
    }

    @Test
    void recordsCallsAndTotalsThemByKey() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            assertThat(ledger.record(call("r1", "vk_a", "gpt-4o", "0.000000075", t))).isTrue();
            ledger.record(call("r2", "vk_a", "gpt-4o", "1.50", t.plusSeconds(60)));
            ledger.record(call("r3", "vk_b", "claude-haiku-4-5-20251001", "2.25", t.plusSeconds(120)));

            assertThat(ledger.spend("vk_a", t, t.plus(Duration.ofDays(1)))).isEqualTo(Money.usd("1.500000075"));
            assertThat(ledger.spend("vk_a", t.plusSeconds(1), t.plus(Duration.ofDays(1)))).isEqualTo(Money.usd("1.50"));
            assertThat(ledger.spend("vk_a", t, t.plusSeconds(60))).isEqualTo(Money.usd("0.000000075")); // end exclusive
            assertThat(ledger.spend(BudgetScope.global(), t, t.plus(Duration.ofDays(1)))).isEqualTo(Money.usd("3.750000075"));

            List<SpendTotal> byKey = ledger.totalsByKey(t, t.plus(Duration.ofDays(1)));
            assertThat(byKey).extracting(SpendTotal::group).containsExactly("vk_b", "vk_a");
            SpendTotal a = byKey.get(1);
            assertThat(a.calls()).isEqualTo(2);
            assertThat(a.inputTokens()).isEqualTo(2400);
            assertThat(a.cachedInputTokens()).isEqualTo(400);
            assertThat(a.cacheWriteTokens()).isEqualTo(200);
            assertThat(a.outputTokens()).isEqualTo(600);
            assertThat(a.reasoningTokens()).isEqualTo(100);
        }
    }

    @Test
    void totalsByModelAndTeam() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            ledger.recordAll(List.of(call("r1", "vk_a", "gpt-4o", "1", t), call("r2", "vk_b", "gpt-4o", "2", t),
                    call("r3", null, "gpt-4o-mini", "0.25", t)));
            assertThat(ledger.totalsByModel(t, t.plusSeconds(1)))
                    .extracting(SpendTotal::group, SpendTotal::cost, SpendTotal::calls)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-4o", Money.usd(3), 2L),
                            org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", Money.usd("0.25"), 1L));
            assertThat(ledger.totalsByKey(t, t.plusSeconds(1))).extracting(SpendTotal::group).containsExactly("vk_b", "vk_a", null);
            assertThat(ledger.totalsByTeam(t, t.plusSeconds(1))).singleElement()
                    .satisfies(total -> assertThat(total.cost()).isEqualTo(Money.usd("3.25")));
        }
    }

    @Test
    void aRequestIsRecordedOnceEvenIfWrittenTwice() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            assertThat(ledger.record(call("r1", "vk_a", "gpt-4o", "1", t))).isTrue();
            assertThat(ledger.record(call("r1", "vk_a", "gpt-4o", "1", t))).isFalse();
            assertThat(ledger.recordAll(List.of(call("r1", "vk_a", "gpt-4o", "1", t), call("r2", "vk_a", "gpt-4o", "1", t)))).isEqualTo(1);
            assertThat(ledger.spend("vk_a", t, t.plusSeconds(1))).isEqualTo(Money.usd(2));
        }
    }

    @Test
    void aBatchWithABadRowWritesNothing() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            SpendRecord tooBig = call("r2", "vk_a", "gpt-4o", "10000000", t); // does not fit 64-bit pico-dollars
            assertThatThrownBy(() -> ledger.recordAll(List.of(call("r1", "vk_a", "gpt-4o", "1", t), tooBig)))
                    .isInstanceOf(ArithmeticException.class);
            assertThat(ledger.spend("vk_a", t, t.plusSeconds(1))).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void aYieldingWriteOfManySlicesCountsNewRowsAndStaysOneTransaction() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            ledger.record(call("r7", "vk_a", "gpt-4o", "1", t));
            List<SpendRecord> fifty = new ArrayList<>();
            for (int i = 0; i < 50; i++) fifty.add(call("r" + i, "vk_a", "gpt-4o", "1", t));
            assertThat(ledger.recordAll(fifty, true)).isEqualTo(49); // r7 was there; rows span four slices
            assertThat(ledger.spend("vk_a", t, t.plusSeconds(1))).isEqualTo(Money.usd(50));

            List<SpendRecord> badInThirdSlice = new ArrayList<>();
            for (int i = 0; i < 40; i++) badInThirdSlice.add(call("s" + i, "vk_b", "gpt-4o", i == 35 ? "10000000" : "1", t));
            assertThatThrownBy(() -> ledger.recordAll(badInThirdSlice, true)).isInstanceOf(ArithmeticException.class);
            assertThat(ledger.spend("vk_b", t, t.plusSeconds(1))).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void dailyTotalsFollowLocalDaysIncludingDstDays() {
        ZoneId newYork = ZoneId.of("America/New_York");
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            ledger.record(call("r1", "vk_a", "gpt-4o", "1", Instant.parse("2026-03-08T04:59:00Z"))); // 23:59 on the 7th
            ledger.record(call("r2", "vk_a", "gpt-4o", "2", Instant.parse("2026-03-08T05:00:00Z"))); // 00:00 on the 8th
            ledger.record(call("r3", "vk_a", "gpt-4o", "4", Instant.parse("2026-03-09T03:59:00Z"))); // 23:59 on the 8th (EDT)
            ledger.record(call("r4", "vk_a", "gpt-4o", "8", Instant.parse("2026-03-09T04:00:00Z"))); // 00:00 on the 9th
            List<SpendTotal> days = ledger.totalsByDay(Instant.parse("2026-03-07T05:00:00Z"), Instant.parse("2026-03-10T04:00:00Z"), newYork);
            assertThat(days).extracting(SpendTotal::group).containsExactly("2026-03-07", "2026-03-08", "2026-03-09");
            assertThat(days).extracting(SpendTotal::cost).containsExactly(Money.usd(1), Money.usd(6), Money.usd(8));
        }
    }

    @Test
    void reportsForOneKeyGroupByModelAndLocalDayAndReadBackTheRows() {
        ZoneId newYork = ZoneId.of("America/New_York");
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            ledger.record(call("r1", "vk_a", "gpt-4o", "1", Instant.parse("2026-03-08T04:59:00Z"))); // 23:59 on the 7th
            ledger.record(call("r2", "vk_a", "gpt-4o-mini", "2", Instant.parse("2026-03-08T05:00:00Z"))); // 00:00 on the 8th
            ledger.record(call("r3", "vk_b", "gpt-4o", "4", Instant.parse("2026-03-08T06:00:00Z")));
            ledger.record(call("r4", "vk_a", "gpt-4o", "8", Instant.parse("2026-03-09T03:59:00Z"))); // 23:59 on the 8th (EDT)

            List<SpendTotal> days = ledger.dailyTotals("vk_a", Instant.EPOCH, Instant.MAX, newYork);
            assertThat(days).extracting(SpendTotal::group).containsExactly("2026-03-07", "2026-03-08");
            assertThat(days).extracting(SpendTotal::cost).containsExactly(Money.usd(1), Money.usd(10));
            assertThat(ledger.dailyTotals(null, Instant.EPOCH, Instant.MAX, newYork)).extracting(SpendTotal::cost)
                    .containsExactly(Money.usd(1), Money.usd(14));
            assertThat(ledger.totals(SpendLedger.Grouping.MODEL, "vk_a", Instant.EPOCH, Instant.MAX))
                    .extracting(SpendTotal::group, SpendTotal::cost)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-4o", Money.usd(9)), org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", Money.usd(2)));
            assertThat(ledger.total("vk_a", Instant.EPOCH, Instant.MAX).cost()).isEqualTo(Money.usd(11));
            assertThat(ledger.total(null, Instant.EPOCH, Instant.MAX).calls()).isEqualTo(4);
            List<SpendRecord> rows = ledger.records("vk_a", Instant.EPOCH, Instant.MAX);
            assertThat(rows).extracting(SpendRecord::requestId).containsExactly("r1", "r2", "r4");
            assertThat(rows.getFirst()).isEqualTo(call("r1", "vk_a", "gpt-4o", "1", Instant.parse("2026-03-08T04:59:00Z")));
        }
    }

    @Test
    void loadSpendSinceGroupsByEveryScope() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            ledger.record(call("old", "vk_a", "gpt-4o", "100", t.minus(Duration.ofDays(40))));
            ledger.record(call("r1", "vk_a", "gpt-4o", "1", t));
            ledger.record(call("r2", "vk_b", "gpt-4o", "2", t));
            Map<BudgetScope, Money> spend = ledger.loadSpendSince(t.minus(Duration.ofDays(1)));
            assertThat(spend).containsEntry(BudgetScope.global(), Money.usd(3))
                    .containsEntry(BudgetScope.key("vk_a"), Money.usd(1))
                    .containsEntry(BudgetScope.key("vk_b"), Money.usd(2))
                    .containsEntry(BudgetScope.team("research"), Money.usd(3))
                    .containsEntry(BudgetScope.route("default"), Money.usd(3))
                    .hasSize(5);
        }
    }

    @Test
    void spendAndSoBudgetsSurviveARestart() {
        Budget daily = Budget.of(BudgetScope.key("vk_a"), BudgetPeriod.DAY, Money.usd(10));
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            BudgetBook book = BudgetBook.builder().clock(clock).budget(daily).build();
            Reservation r = book.reserve(Set.of(BudgetScope.key("vk_a")), Money.usd(5));
            book.settle(r, Money.usd("7.25"));
            ledger.record(call("r1", "vk_a", "gpt-4o", "7.25", clock.instant()));
            ledger.record(call("yesterday", "vk_a", "gpt-4o", "9", clock.instant().minus(Duration.ofDays(1))));
        }
        clock.advance(Duration.ofHours(1));
        try (SqliteDatabase reopened = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(reopened, clock);
            BudgetBook fresh = BudgetBook.builder().clock(clock).budget(daily).build();
            assertThat(fresh.remaining(BudgetScope.key("vk_a"))).contains(Money.usd(10));
            fresh.restore(ledger);
            assertThat(fresh.remaining(BudgetScope.key("vk_a"))).contains(Money.usd("2.75"));
            assertThatThrownBy(() -> fresh.reserve(Set.of(BudgetScope.key("vk_a")), Money.usd(3))).isInstanceOf(BudgetExceeded.class);
        }
    }

    @Test
    void theDatabaseRunsInWalMode() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            new SpendLedger(db, clock);
            String mode = db.read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(db.file()).isEqualTo(dataDir.resolve(SqliteDatabase.FILE_NAME));
            assertThat(db.schemaVersion(SpendLedger.COMPONENT)).isEqualTo(1);
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SpendLedger ledger = new SpendLedger(db, clock);
            Instant t = clock.instant();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int writer = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int n = 0; n < 25; n++) ledger.record(call("w" + writer + "-" + n, "vk_" + writer % 4, "gpt-4o", "0.01", t));
                }));
            }
            for (Thread thread : threads) thread.join();
            assertThat(ledger.spend(BudgetScope.global(), t, t.plusSeconds(1))).isEqualTo(Money.usd(4));
            assertThat(ledger.totalsByKey(t, t.plusSeconds(1))).extracting(SpendTotal::calls).containsOnly(100L);
        }
    }
}
