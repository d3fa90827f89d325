package io.switchboard.engine.resilience;

import io.switchboard.engine.resilience.ErrorBudget.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ErrorBudgetTest {
    private static final Duration QUICK = Duration.ofMillis(300);
    private static final Duration SLOW = Duration.ofSeconds(3);

    private final FakeTicker ticker = new FakeTicker();
    private final List<String> changes = new ArrayList<>();
    private final ErrorBudgetConfig config = ErrorBudgetConfig.builder()
            .availabilityObjective(0.99).latencyObjective(Duration.ofSeconds(2), 0.9)
            .windows(Duration.ofMinutes(5), Duration.ofHours(1)).minimumEvents(10).build();

    private ErrorBudget budget(ErrorBudgetConfig c) {
        return new ErrorBudget("chat", c, ticker, (route, from, to) -> changes.add(route + ":" + from + "->" + to));
    }

    private static void record(ErrorBudget budget, int ok, int failed) {
        for (int i = 0; i < ok; i++) budget.record(true, QUICK);
        for (int i = 0; i < failed; i++) budget.record(false, QUICK);
    }

    @Test
    void availabilityBurnRateIsErrorRateOverAllowedErrorRate() {
        ErrorBudget budget = budget(config);
        assertThat(budget.burnRate(Window.SHORT)).isZero();
        record(budget, 95, 5);
        assertThat(budget.availabilityBurnRate(Window.SHORT)).isCloseTo(5.0, within(1e-9));
        assertThat(budget.availabilityBurnRate(Window.LONG)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void latencyBurnRateCountsSlowSuccessesOnly() {
        ErrorBudget budget = budget(config);
        for (int i = 0; i < 80; i++) budget.record(true, QUICK);
        for (int i = 0; i < 20; i++) budget.record(true, SLOW);
        for (int i = 0; i < 10; i++) budget.record(false, SLOW); // failures count for availability, not latency
        assertThat(budget.latencyBurnRate(Window.SHORT)).isCloseTo(2.0, within(1e-9)); // 20 % slow / 10 % allowed
        assertThat(budget.burnRate(Window.SHORT)).isCloseTo(10 / 110.0 / 0.01, within(1e-9));
    }

    @Test
    void shortWindowForgetsWhileLongWindowRemembers() {
        ErrorBudget budget = budget(config);
        record(budget, 90, 10);
        ticker.advance(Duration.ofMinutes(6));
        assertThat(budget.burnRate(Window.SHORT)).isZero();
        assertThat(budget.burnRate(Window.LONG)).isCloseTo(10.0, within(1e-9));
        ticker.advance(Duration.ofMinutes(55));
        assertThat(budget.burnRate(Window.LONG)).isZero();
    }

    @Test
    void postureNeedsBothWindowsToBurn() {
        ErrorBudget budget = budget(config);
        for (int minute = 0; minute < 55; minute++) {
            record(budget, 20, 0);
            ticker.advance(Duration.ofMinutes(1));
        }
        record(budget, 20, 20); // short window: 20 / 120 failed ≈ burn 16.7; long: 20 / 1140 ≈ burn 1.75
        assertThat(budget.burnRate(Window.SHORT)).isGreaterThan(14.4);
        assertThat(budget.burnRate(Window.LONG)).isLessThan(2);
        assertThat(budget.posture()).isEqualTo(Posture.NORMAL);

        record(budget, 0, 10); // long: 30 / 1150 ≈ burn 2.6
        assertThat(budget.posture()).isEqualTo(Posture.STOP_RETRIES);

        ticker.advance(Duration.ofMinutes(6));
        record(budget, 100, 0); // short window healthy again; long still burning
        assertThat(budget.burnRate(Window.LONG)).isGreaterThan(2);
        assertThat(budget.posture()).isEqualTo(Posture.NORMAL);
        assertThat(changes).containsExactly("chat:NORMAL->STOP_RETRIES", "chat:STOP_RETRIES->NORMAL");
    }

    @Test
    void highestReachedThresholdWins() {
        ErrorBudget budget = budget(config);
        record(budget, 93, 7); // burn 7
        assertThat(budget.posture()).isEqualTo(Posture.SHED_LOW_PRIORITY);
        record(budget, 0, 20); // 27 / 120 → burn 22.5
        assertThat(budget.posture()).isEqualTo(Posture.FASTER_TIER);
        assertThat(changes).containsExactly("chat:NORMAL->SHED_LOW_PRIORITY", "chat:SHED_LOW_PRIORITY->FASTER_TIER");
    }

    @Test
    void thresholdsAreConfigurableAndCanBeDisabled() {
        ErrorBudgetConfig custom = ErrorBudgetConfig.builder().availabilityObjective(0.99).minimumEvents(10)
                .threshold(Posture.FASTER_TIER, 3).threshold(Posture.SHED_LOW_PRIORITY, 10)
                .threshold(Posture.STOP_RETRIES, Double.POSITIVE_INFINITY).build();
        ErrorBudget budget = budget(custom);
        record(budget, 98, 2); // burn 2: below every threshold
        assertThat(budget.posture()).isEqualTo(Posture.NORMAL);
        record(budget, 0, 3); // 5 / 103 ≈ burn 4.9
        assertThat(budget.posture()).isEqualTo(Posture.FASTER_TIER);
        record(budget, 0, 10); // 15 / 113 ≈ burn 13.3
        assertThat(budget.posture()).isEqualTo(Posture.SHED_LOW_PRIORITY);
    }

    @Test
    void tooFewEventsNeverChangeThePosture() {
        ErrorBudget budget = budget(config);
        record(budget, 0, 9);
        assertThat(budget.burnRate(Window.SHORT)).isCloseTo(100.0, within(1e-9));
        assertThat(budget.posture()).isEqualTo(Posture.NORMAL);
        record(budget, 0, 1);
        assertThat(budget.posture()).isEqualTo(Posture.FASTER_TIER);
    }

    @Test
    void listenerHearsOnlyChanges() {
        ErrorBudget budget = budget(config);
        record(budget, 100, 0);
        budget.posture();
        budget.posture();
        assertThat(changes).isEmpty();
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> ErrorBudgetConfig.builder().availabilityObjective(1.0)).hasMessageContaining("availabilityObjective");
        assertThatThrownBy(() -> ErrorBudgetConfig.builder().latencyObjective(Duration.ofSeconds(1), 0)).hasMessageContaining("latencyObjective");
        assertThatThrownBy(() -> ErrorBudgetConfig.builder().threshold(Posture.STOP_RETRIES, -1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> ErrorBudgetConfig.builder().threshold(Posture.NORMAL, 1)).hasMessageContaining("NORMAL");
        assertThatThrownBy(() -> ErrorBudgetConfig.builder().windows(Duration.ofHours(1), Duration.ofMinutes(5)).build())
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> ErrorBudgetConfig.builder().minimumEvents(0)).hasMessageContaining("minimumEvents");
    }
}
