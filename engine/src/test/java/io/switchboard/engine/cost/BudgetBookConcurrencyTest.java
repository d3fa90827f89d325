package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetBookConcurrencyTest {
    private static final BudgetScope KEY = BudgetScope.key("vk_busy");
    private static final BudgetScope TEAM = BudgetScope.team("busy-team");
    private static final int THREADS = 200;

    @Test
    void twoHundredThreadsNeverOverspendABudgetThatFitsFifty() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-15T12:00:00Z"));
        BudgetBook book = BudgetBook.builder().clock(clock)
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd("50.50")))
                .budget(Budget.of(TEAM, BudgetPeriod.DAY, Money.usd(1000)))
                .build();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        Reservation r = book.reserve(Set.of(KEY, TEAM), Money.usd(1));
                        granted.incrementAndGet();
                        book.settle(r, Money.usd(1));
                    } catch (BudgetExceeded e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(50);
        assertThat(refused.get()).isEqualTo(THREADS - 50);
        BudgetStatus key = book.status(KEY).getFirst();
        assertThat(key.spent()).isEqualTo(Money.usd(50));
        assertThat(key.held()).isEqualTo(Money.ZERO);
        assertThat(book.status(TEAM).getFirst().spent()).isEqualTo(Money.usd(50)); // all-or-none: team saw the same calls
    }

    @Test
    void concurrentReservationsReleasesAndSettlementsBalanceExactly() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-15T12:00:00Z"));
        BudgetBook book = BudgetBook.builder().clock(clock)
                .budget(Budget.of(KEY, BudgetPeriod.DAY, Money.usd(30))).build();
        AtomicInteger settled = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                boolean fails = i % 3 == 0;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 20; n++) {
                        try {
                            Reservation r = book.reserve(Set.of(KEY), Money.usd("0.10"));
                            if (fails) {
                                book.release(r);
                            } else {
                                book.settle(r, Money.usd("0.01"));
                                settled.incrementAndGet();
                            }
                        } catch (BudgetExceeded e) {
                            // expected once the budget runs dry
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        BudgetStatus status = book.status(KEY).getFirst();
        assertThat(status.held()).isEqualTo(Money.ZERO);
        assertThat(status.spent()).isEqualTo(Money.usd("0.01").times(java.math.BigDecimal.valueOf(settled.get())));
        assertThat(status.spent()).isLessThanOrEqualTo(Money.usd(30));
    }
}
