package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.model.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BudgetBookTest {
    private static final BudgetScope KEY = BudgetScope.key("vk_alice");
    private static final BudgetScope TEAM = BudgetScope.team("research");

    private final MutableClock clock = MutableClock.at("2026-06-15T12:00:00Z");
    private final List<BudgetEvent> events = new ArrayList<>();

    private BudgetBook.Builder book() {
        return BudgetBook.builder().clock(clock).listener(events::add);
    }

    @Test
    void reserveHoldsUntilSettleRecordsTheActualCost() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        Reservation r = book.reserve(Set.of(KEY), Money.usd(4));
        assertThat(book.remaining(KEY)).contains(Money.usd(6));

        assertThat(book.settle(r, Money.usd("1.25"))).isTrue();
        assertThat(book.remaining(KEY)).contains(Money.usd("8.75"));
        BudgetStatus status = book.status(KEY).getFirst();
        assertThat(status.spent()).isEqualTo(Money.usd("1.25"));
        assertThat(status.held()).isEqualTo(Money.ZERO);
    }

    @Test
    void reserveWithSlackHoldsOnlyWhileEveryBudgetHasRoomForThatManyCallsAndNeverThrows() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(100)))
                .budget(Budget.of(TEAM, BudgetPeriod.DAY, Money.usd(30))).build();
        assertThat(book.reserveWithSlack(Set.of(KEY), Money.usd(1), 64)).isPresent();
        assertThat(book.remaining(KEY)).contains(Money.usd(99));
        // The team has 30 left, not the 64 a slack of 64 needs: nothing is held anywhere.
        assertThat(book.reserveWithSlack(Set.of(KEY, TEAM), Money.usd(1), 64)).isEmpty();
        assertThat(book.remaining(KEY)).contains(Money.usd(99));
        assertThat(book.remaining(TEAM)).contains(Money.usd(30));
        assertThat(book.reserveWithSlack(Set.of(KEY, TEAM), Money.usd(1), 30)).isPresent();
        book.capPerRequest(KEY, Money.usd("0.5"));
        assertThat(book.reserveWithSlack(Set.of(KEY), Money.usd(1), 1)).isEmpty();
    }

    @Test
    void releaseGivesTheHoldBackWithoutSpending() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        Reservation r = book.reserve(Set.of(KEY), Money.usd(4));
        assertThat(book.release(r)).isTrue();
        assertThat(book.remaining(KEY)).contains(Money.usd(10));
        assertThat(book.status(KEY).getFirst().spent()).isEqualTo(Money.ZERO);
    }

    @Test
    void aReservationClosesOnlyOnce() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        Reservation r = book.reserve(Set.of(KEY), Money.usd(4));
        assertThat(book.settle(r, Money.usd(3))).isTrue();
        assertThat(book.release(r)).isFalse();
        assertThat(book.settle(r, Money.usd(3))).isFalse();
        assertThat(book.remaining(KEY)).contains(Money.usd(7));
    }

    @Test
    void refusesWhenTheWorstCaseDoesNotFitAndSaysWhereAndHowMuchIsLeft() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        book.settle(book.reserve(Set.of(KEY), Money.usd(9)), Money.usd(9));
        assertThatThrownBy(() -> book.reserve(Set.of(KEY), Money.usd(2)))
                .isInstanceOfSatisfying(BudgetExceeded.class, e -> {
                    assertThat(e.scope()).isEqualTo(KEY);
                    assertThat(e.period()).isEqualTo(BudgetPeriod.DAY);
                    assertThat(e.reason()).isEqualTo(BudgetExceeded.Reason.LIMIT);
                    assertThat(e.remaining()).isEqualTo(Money.usd(1));
                    assertThat(e.requested()).isEqualTo(Money.usd(2));
                    assertThat(e.getMessage()).contains("key:vk_alice", "$1.00", "$2.00");
                    assertThat(e.toProviderError().kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
                    assertThat(e.toProviderError().code()).isEqualTo("budget_exceeded");
                });
        assertThat(book.reserve(Set.of(KEY), Money.usd(1))).isNotNull(); // exactly what is left still fits
    }

    @Test
    void reservesInAllScopesOrNone() {
        BudgetBook book = book()
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(100)))
                .budget(Budget.of(TEAM, BudgetPeriod.DAY, Money.usd(5)))
                .build();
        assertThatThrownBy(() -> book.reserve(Set.of(KEY, TEAM), Money.usd(6)))
                .isInstanceOfSatisfying(BudgetExceeded.class, e -> assertThat(e.scope()).isEqualTo(TEAM));
        assertThat(book.remaining(KEY)).contains(Money.usd(100)); // nothing held in the key's budget either
        Reservation r = book.reserve(Set.of(KEY, TEAM), Money.usd(5));
        assertThat(r.scopes()).contains(KEY, TEAM, BudgetScope.global());
        assertThat(book.remaining(KEY)).contains(Money.usd(95));
        assertThat(book.remaining(TEAM)).contains(Money.ZERO);
    }

    @Test
    void theGlobalBudgetAppliesToEveryReservation() {
        BudgetBook book = book().budget(Budget.of(BudgetScope.global(), BudgetPeriod.MONTH, Money.usd(3))).build();
        book.reserve(Set.of(BudgetScope.route("default")), Money.usd(2));
        assertThatThrownBy(() -> book.reserve(Set.of(KEY), Money.usd(2)))
                .isInstanceOfSatisfying(BudgetExceeded.class, e -> assertThat(e.scope()).isEqualTo(BudgetScope.global()));
    }

    @Test
    void everyPeriodOfAScopeMustFit() {
        BudgetBook book = book()
                .budget(Budget.of(KEY, BudgetPeriod.MINUTE, Money.usd(1)))
                .budget(Budget.of(KEY, BudgetPeriod.MONTH, Money.usd(50)))
                .build();
        assertThatThrownBy(() -> book.reserve(Set.of(KEY), Money.usd(2)))
                .isInstanceOfSatisfying(BudgetExceeded.class, e -> assertThat(e.period()).isEqualTo(BudgetPeriod.MINUTE));
        book.settle(book.reserve(Set.of(KEY), Money.usd(1)), Money.usd(1));
        assertThat(book.remaining(KEY)).contains(Money.ZERO);
        clock.advance(Duration.ofMinutes(1));
        assertThat(book.remaining(KEY)).contains(Money.usd(1)); // a new minute; the month still has $49
        assertThat(book.status(KEY)).extracting(BudgetStatus::remaining).containsExactlyInAnyOrder(Money.usd(1), Money.usd(49));
    }

    @Test
    void aPerRequestCapRefusesExpensiveCallsEvenWithBudgetLeft() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(100)))
                .perRequestCap(KEY, Money.usd("0.50")).build();
        assertThatThrownBy(() -> book.reserve(Set.of(KEY), Money.usd("0.51")))
                .isInstanceOfSatisfying(BudgetExceeded.class, e -> {
                    assertThat(e.reason()).isEqualTo(BudgetExceeded.Reason.PER_REQUEST_CAP);
                    assertThat(e.remaining()).isEqualTo(Money.usd("0.50"));
                    assertThat(e.period()).isNull();
                });
        book.reserve(Set.of(KEY), Money.usd("0.50"));
        book.capPerRequest(KEY, null);
        book.reserve(Set.of(KEY), Money.usd(5));
    }

    @Test
    void scopesWithoutBudgetsAreNotLimited() {
        BudgetBook book = book().build();
        Reservation r = book.reserve(Set.of(KEY), Money.usd(1_000_000));
        assertThat(book.settle(r, Money.usd(999))).isTrue();
        assertThat(book.remaining(KEY)).isEmpty();
    }

    @Test
    void spendResetsWhenThePeriodRollsOverByTheClock() {
        BudgetBook book = book().zone(ZoneId.of("America/New_York"))
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        clock.set(Instant.parse("2026-06-16T03:30:00Z")); // 23:30 in New York on the 15th
        book.settle(book.reserve(Set.of(KEY), Money.usd(10)), Money.usd(10));
        assertThat(book.remaining(KEY)).contains(Money.ZERO);
        clock.set(Instant.parse("2026-06-16T03:59:59Z"));
        assertThat(book.remaining(KEY)).contains(Money.ZERO);
        clock.set(Instant.parse("2026-06-16T04:00:00Z")); // local midnight
        assertThat(book.remaining(KEY)).contains(Money.usd(10));
    }

    @Test
    void holdsSurviveARolloverSoInFlightCallsStillCount() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.HOUR, Money.usd(10))).build();
        Reservation inFlight = book.reserve(Set.of(KEY), Money.usd(4));
        clock.advance(Duration.ofHours(1));
        assertThat(book.remaining(KEY)).contains(Money.usd(6));
        book.settle(inFlight, Money.usd(3));
        assertThat(book.remaining(KEY)).contains(Money.usd(7)); // spend lands in the window it was settled in
    }

    @Test
    void aClockSteppingBackDoesNotWipeSpend() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        book.settle(book.reserve(Set.of(KEY), Money.usd(6)), Money.usd(6));
        clock.set(Instant.parse("2026-06-14T23:59:00Z"));
        assertThat(book.remaining(KEY)).contains(Money.usd(4));
    }

    @Test
    void crossingTheSoftLimitPublishesOneWarningPerWindow() {
        BudgetBook book = book().budget(Budget.builder().scope(KEY).period(BudgetPeriod.DAY).limitUsd("10")
                .softLimitFraction("0.5").build()).build();
        book.settle(book.reserve(Set.of(KEY), Money.usd(4)), Money.usd(4));
        assertThat(events).isEmpty();
        book.settle(book.reserve(Set.of(KEY), Money.usd(2)), Money.usd(2));
        assertThat(events).singleElement().isInstanceOfSatisfying(BudgetEvent.SoftLimitCrossed.class, e -> {
            assertThat(e.budget().scope()).isEqualTo(KEY);
            assertThat(e.spent()).isEqualTo(Money.usd(6));
        });
        book.settle(book.reserve(Set.of(KEY), Money.usd(1)), Money.usd(1));
        assertThat(events).hasSize(1);
        book.settle(book.reserve(Set.of(KEY), Money.usd(3)), Money.usd(3));
        assertThat(events).hasSize(2).last().isInstanceOf(BudgetEvent.LimitReached.class);

        clock.advance(Duration.ofDays(1));
        book.settle(book.reserve(Set.of(KEY), Money.usd(5)), Money.usd(5));
        assertThat(events).hasSize(3).last().isInstanceOf(BudgetEvent.SoftLimitCrossed.class);
    }

    @Test
    void standingListsTheBudgetsPastTheirSoftLimitInScopeOrderWithTheHeadroom() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10)))
                .budget(Budget.of(TEAM, BudgetPeriod.MONTH, Money.usd(100)))
                .budget(Budget.of(BudgetScope.global(), BudgetPeriod.DAY, Money.usd(1000))).build();
        book.settle(book.reserve(Set.of(KEY, TEAM), Money.usd(7)), Money.usd(7));
        BudgetStanding calm = book.standing(Set.of(KEY, TEAM));
        assertThat(calm.headroom()).contains(Money.usd(3));
        assertThat(calm.pastSoftLimit()).isEmpty();

        Reservation open = book.reserve(Set.of(KEY, TEAM), Money.usd(2));
        assertThat(book.standing(Set.of(KEY, TEAM)).pastSoftLimit()).as("a hold is not spend").isEmpty();
        book.settle(open, Money.usd(1));
        BudgetStanding warned = book.standing(Set.of(KEY, TEAM));
        assertThat(warned.headroom()).contains(Money.usd(2));
        assertThat(warned.pastSoftLimit()).singleElement().satisfies(s -> {
            assertThat(s.budget().scope()).isEqualTo(KEY);
            assertThat(s.spent()).isEqualTo(Money.usd(8));
        });

        // A new limit moves the soft limit with it: $8 of $100 is far from 80%, $8 of $9 is past it.
        book.define(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(100)));
        assertThat(book.standing(Set.of(KEY, TEAM)).pastSoftLimit()).isEmpty();
        book.define(Budget.of(TEAM, BudgetPeriod.MONTH, Money.usd(9)));
        assertThat(book.standing(Set.of(KEY, TEAM)).pastSoftLimit()).extracting(s -> s.budget().scope()).containsExactly(TEAM);
        assertThat(book.standing(Set.of(KEY)).pastSoftLimit()).as("only the caller's scopes").isEmpty();
    }

    @Test
    void aFailingListenerDoesNotUndoTheSettlement() {
        BudgetBook book = BudgetBook.builder().clock(clock).listener(e -> { throw new IllegalStateException("boom"); })
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        assertThat(book.settle(book.reserve(Set.of(KEY), Money.usd(9)), Money.usd(9))).isTrue();
        assertThat(book.remaining(KEY)).contains(Money.usd(1));
    }

    @Test
    void redefiningABudgetKeepsItsSpend() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10))).build();
        book.settle(book.reserve(Set.of(KEY), Money.usd(7)), Money.usd(7));
        book.define(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(20)));
        assertThat(book.remaining(KEY)).contains(Money.usd(13));
        book.undefine(KEY);
        assertThat(book.remaining(KEY)).isEmpty();
    }

    @Test
    void clampsMaxTokensToWhatTheTightestBudgetCanPayFor() {
        ModelPrice price = ModelPrice.builder().input("1").output("10").maxOutputTokens(100_000).build(); // $10/M out
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10)))
                .budget(Budget.of(TEAM, BudgetPeriod.DAY, Money.usd("0.5"))).build();
        Money input = Money.usd("0.1");
        // team has $0.50: $0.40 left for output at $0.00001 per token = 40,000 tokens
        assertThat(book.clampMaxTokens(Set.of(KEY, TEAM), input, price, 100_000)).isEqualTo(40_000);
        assertThat(book.clampMaxTokens(Set.of(KEY, TEAM), input, price, 1_000)).isEqualTo(1_000);
        assertThat(book.clampMaxTokens(Set.of(KEY), input, price, 100_000)).isEqualTo(100_000);
        assertThat(book.clampMaxTokens(Set.of(TEAM), Money.usd(1), price, 100_000)).isZero();

        int clamped = book.clampMaxTokens(Set.of(KEY, TEAM), input, price, 100_000);
        Money worstCase = input.plus(Money.forTokens(clamped, price.output()));
        assertThat(book.reserve(Set.of(KEY, TEAM), worstCase)).isNotNull(); // the clamped call fits
    }

    @Test
    void headroomIsTheTightestLimitAcrossScopesGlobalAndCaps() {
        BudgetBook book = book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10)))
                .budget(Budget.of(BudgetScope.global(), BudgetPeriod.DAY, Money.usd(8))).build();
        assertThat(book.headroom(Set.of(KEY))).contains(Money.usd(8));
        book.capPerRequest(KEY, Money.usd(2));
        assertThat(book.headroom(Set.of(KEY))).contains(Money.usd(2));
        assertThat(book.headroom(Set.of(TEAM))).contains(Money.usd(8));
        assertThat(book().build().headroom(Set.of(KEY))).isEmpty();
    }

    @Test
    void clampingHonoursPerRequestCaps() {
        ModelPrice price = ModelPrice.builder().input("1").output("10").maxOutputTokens(100_000).build();
        BudgetBook book = book().perRequestCap(KEY, Money.usd("0.02")).build();
        assertThat(book.clampMaxTokens(Set.of(KEY), Money.usd("0.01"), price, 100_000)).isEqualTo(1_000);
    }

    @Test
    void restoresSpendFromHistoryForEachBudgetWindow() {
        clock.set(Instant.parse("2026-06-15T12:00:00Z"));
        BudgetBook book = book()
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(10)))
                .budget(Budget.of(KEY, BudgetPeriod.MONTH, Money.usd(100))).build();
        List<String> asked = new ArrayList<>();
        book.restore((scope, since) -> {
            asked.add(scope + "@" + since);
            return since.equals(Instant.parse("2026-06-15T00:00:00Z")) ? Money.usd(3) : Money.usd(40);
        });
        assertThat(asked).containsExactlyInAnyOrder("key:vk_alice@2026-06-15T00:00:00Z", "key:vk_alice@2026-06-01T00:00:00Z");
        assertThat(book.status(KEY)).extracting(BudgetStatus::spent).containsExactlyInAnyOrder(Money.usd(3), Money.usd(40));
        assertThat(book.remaining(KEY)).contains(Money.usd(7));
        assertThat(events).isEmpty(); // restoring past spend does not re-announce thresholds
    }

    @Test
    void rejectsNonsense() {
        BudgetBook book = book().build();
        assertThatThrownBy(() -> book.reserve(Set.of(KEY), Money.usd("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Budget.of(KEY, BudgetPeriod.DAY, Money.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Budget.builder().softLimitFraction("1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book().budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(1)))
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(2)))).isInstanceOf(IllegalArgumentException.class);
        BudgetBook other = book().build();
        Reservation foreign = other.reserve(Set.of(KEY), Money.usd(1));
        assertThatThrownBy(() -> book.settle(foreign, Money.usd(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
