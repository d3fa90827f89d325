package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowedCounterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsWithinTheWindowAndDropsWholeSlotsAsTimeMoves() {
        WindowedCounter counter = new WindowedCounter(Duration.ofSeconds(10), 10);
        long t = 100 * SECOND;
        counter.add(t, 3);
        counter.add(t + 4 * SECOND, 2);
        assertThat(counter.sum(t + 4 * SECOND)).isEqualTo(5);
        assertThat(counter.sum(t + 9 * SECOND)).isEqualTo(5);
        assertThat(counter.sum(t + 10 * SECOND)).isEqualTo(2);
        assertThat(counter.sum(t + 14 * SECOND)).isZero();
    }

    @Test
    void reusedSlotsStartFromZero() {
        WindowedCounter counter = new WindowedCounter(Duration.ofSeconds(10), 10);
        counter.add(5 * SECOND, 7);
        counter.add(15 * SECOND, 1); // same ring slot, ten seconds later
        assertThat(counter.sum(15 * SECOND)).isEqualTo(1);
    }

    @Test
    void worksAcrossNegativeTickerValues() {
        WindowedCounter counter = new WindowedCounter(Duration.ofSeconds(10), 10);
        counter.add(-SECOND / 2, 4);
        counter.add(SECOND / 2, 1);
        assertThat(counter.sum(SECOND / 2)).isEqualTo(5);
        assertThat(counter.sum(8 * SECOND)).isEqualTo(5);
        assertThat(counter.sum(9 * SECOND)).isEqualTo(1); // the slot [-1 s, 0) has left the window
        assertThat(counter.sum(10 * SECOND)).isZero();
    }

    @Test
    void rejectsImpossibleShapes() {
        assertThatThrownBy(() -> new WindowedCounter(Duration.ofSeconds(1), 0)).hasMessageContaining("slots");
        assertThatThrownBy(() -> new WindowedCounter(Duration.ofNanos(5), 10)).hasMessageContaining("window");
    }
}
