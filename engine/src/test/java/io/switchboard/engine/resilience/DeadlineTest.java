package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTest {
    private final FakeTicker ticker = new FakeTicker(-5_000_000_000L); // nanoTime may be negative

    @Test
    void remainingShrinksWithTimeAndStopsAtZero() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(10));
        ticker.advance(Duration.ofSeconds(4));
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(6));
        assertThat(deadline.expired()).isFalse();
        ticker.advance(Duration.ofSeconds(7));
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        assertThat(deadline.expired()).isTrue();
    }

    @Test
    void canStartOnlyIfTheMinimumFits() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker);
        assertThat(deadline.canStart(Duration.ofSeconds(3))).isTrue();
        assertThat(deadline.canStart(Duration.ofMillis(3001))).isFalse();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(deadline.canStart(Duration.ofSeconds(1))).isTrue();
        assertThat(deadline.canStart(Duration.ofSeconds(2))).isFalse();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(deadline.canStart(Duration.ZERO)).isFalse();
    }

    @Test
    void attemptTimeoutsAreClampedToWhatIsLeft() {
        TimeoutTier tier = TimeoutTier.INTERACTIVE; // 2 s connect, 15 s first byte, 15 s idle, 60 s total
        Deadline deadline = Deadline.of(tier, ticker);
        AttemptTimeouts fresh = deadline.attemptTimeouts(tier);
        assertThat(fresh).isEqualTo(new AttemptTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(15),
                Duration.ofSeconds(15), Duration.ofSeconds(60)));

        ticker.advance(Duration.ofSeconds(50));
        AttemptTimeouts late = deadline.attemptTimeouts(tier);
        assertThat(late).isEqualTo(new AttemptTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10)));

        ticker.advance(Duration.ofMillis(9500));
        assertThat(deadline.attemptTimeouts(tier).connect()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void atMostTakesTheEarlierDeadline() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), ticker);
        assertThat(deadline.atMost(Duration.ofSeconds(5)).remaining()).isEqualTo(Duration.ofSeconds(5));
        assertThat(deadline.atMost(Duration.ofSeconds(90)).remaining()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void hugeTimeoutsDoNotOverflow() {
        Deadline deadline = Deadline.after(Duration.ofDays(365L * 1000), ticker);
        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.canStart(Duration.ofDays(365L * 100_000))).isFalse();
        assertThat(deadline.canStart(Duration.ofDays(365))).isTrue();
    }

    @Test
    void rejectsNegativeTimeout() {
        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(-1), ticker)).hasMessageContaining("PT-1S");
    }

    @Test
    void builtInTiersAreNamed() {
        assertThat(TimeoutTier.named("interactive")).isSameAs(TimeoutTier.INTERACTIVE);
        assertThat(TimeoutTier.named("standard")).isSameAs(TimeoutTier.STANDARD);
        assertThat(TimeoutTier.named("long")).isSameAs(TimeoutTier.LONG);
        assertThat(TimeoutTier.INTERACTIVE.total()).isLessThan(TimeoutTier.STANDARD.total());
        assertThat(TimeoutTier.STANDARD.total()).isLessThan(TimeoutTier.LONG.total());
        assertThatThrownBy(() -> TimeoutTier.named("turbo")).hasMessageContaining("turbo");
    }

    @Test
    void tierBuilderChecksEachValueAndTheirFit() {
        assertThatThrownBy(() -> TimeoutTier.builder("x").connect(Duration.ZERO)).hasMessageContaining("connect");
        assertThatThrownBy(() -> TimeoutTier.builder("x").idle(Duration.ofSeconds(-2))).hasMessageContaining("idle");
        assertThatThrownBy(() -> TimeoutTier.builder("x").firstByte(Duration.ofMinutes(2)).total(Duration.ofMinutes(1)).build())
                .hasMessageContaining("PT2M exceeds total PT1M");
        assertThatThrownBy(() -> TimeoutTier.builder(" ").build()).hasMessageContaining("name");
        TimeoutTier custom = TimeoutTier.STANDARD.toBuilder().total(Duration.ofMinutes(2)).build();
        assertThat(custom.name()).isEqualTo("standard");
        assertThat(custom.total()).isEqualTo(Duration.ofMinutes(2));
        assertThat(custom.connect()).isEqualTo(TimeoutTier.STANDARD.connect());
    }
}
