package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBudgetTest {
    private final FakeTicker ticker = new FakeTicker();

    private RetryBudget budget(double ratio, double minPerSecond) {
        return new RetryBudget(RetryBudgetConfig.builder().ratio(ratio).minRetriesPerSecond(minPerSecond)
                .window(Duration.ofSeconds(10)).build(), ticker);
    }

    private static int drain(RetryBudget budget) {
        int granted = 0;
        while (budget.tryAcquireRetry()) granted++;
        return granted;
    }

    @Test
    void ratioOfRequestsIsGrantedAndNoMore() {
        RetryBudget budget = budget(0.1, 0);
        for (int i = 0; i < 1000; i++) budget.onRequest();
        assertThat(budget.available()).isEqualTo(100);
        assertThat(drain(budget)).isEqualTo(100);
        assertThat(budget.available()).isZero();
    }

    @Test
    void floorLetsQuietTargetsRetry() {
        RetryBudget budget = budget(0.1, 0.5);
        assertThat(drain(budget)).isEqualTo(5); // 0.5/s × 10 s, no traffic at all
    }

    @Test
    void floorAndRatioAdd() {
        RetryBudget budget = budget(0.2, 0.3);
        for (int i = 0; i < 50; i++) budget.onRequest();
        assertThat(drain(budget)).isEqualTo(13); // 0.2 × 50 + 0.3 × 10
    }

    @Test
    void zeroRatioAndZeroFloorMeansNoRetries() {
        RetryBudget budget = budget(0, 0);
        for (int i = 0; i < 100; i++) budget.onRequest();
        assertThat(budget.tryAcquireRetry()).isFalse();
    }

    @Test
    void roundingDoesNotLoseARetry() {
        RetryBudget budget = budget(0.29, 0);
        for (int i = 0; i < 100; i++) budget.onRequest();
        assertThat(drain(budget)).isEqualTo(29);
    }

    @Test
    void spentRetriesAgeOutOfTheWindow() {
        RetryBudget budget = budget(0.5, 0);
        for (int i = 0; i < 10; i++) budget.onRequest();
        assertThat(drain(budget)).isEqualTo(5);

        ticker.advance(Duration.ofSeconds(6));
        for (int i = 0; i < 10; i++) budget.onRequest();
        // 20 requests and 5 retries still in the window.
        assertThat(drain(budget)).isEqualTo(5);

        ticker.advance(Duration.ofSeconds(5));
        // The first 10 requests and first 5 retries have left the window: 10 requests, 5 retries remain.
        assertThat(budget.tryAcquireRetry()).isFalse();
        ticker.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) budget.onRequest();
        assertThat(drain(budget)).isEqualTo(2);
    }

    @Test
    void manyThreadsNeverExceedTheBudget() throws Exception {
        RetryBudget budget = budget(0.1, 0);
        for (int i = 0; i < 2000; i++) budget.onRequest();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int granted = 0;
                for (int i = 0; i < 100; i++) if (budget.tryAcquireRetry()) granted++;
                return granted;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) total += f.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(total).isEqualTo(200);
    }

    @Test
    void interleavedRequestsAndRetriesStayWithinBudget() throws Exception {
        RetryBudget budget = budget(0.1, 0);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int granted = 0;
                for (int i = 0; i < 500; i++) {
                    budget.onRequest();
                    if (budget.tryAcquireRetry()) granted++;
                    if (budget.tryAcquireRetry()) granted++;
                }
                return granted;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) total += f.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(total).isLessThanOrEqualTo(400).isGreaterThanOrEqualTo(390);
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> RetryBudgetConfig.builder().ratio(1.5)).hasMessageContaining("ratio").hasMessageContaining("1.5");
        assertThatThrownBy(() -> RetryBudgetConfig.builder().ratio(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> RetryBudgetConfig.builder().minRetriesPerSecond(-1)).hasMessageContaining("minRetriesPerSecond");
        assertThatThrownBy(() -> RetryBudgetConfig.builder().window(Duration.ofMillis(3))).hasMessageContaining("window");
    }
}
