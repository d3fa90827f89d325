package io.switchboard.engine.resilience;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    /** Returns {@code fraction × bound}, so a test picks where in [0, bound) the jitter lands. */
    private record FixedFraction(double fraction) implements RandomGenerator {
        @Override public long nextLong() { throw new UnsupportedOperationException(); }

        @Override public long nextLong(long bound) { return Math.min(bound - 1, (long) (fraction * bound)); }
    }

    private final BackoffConfig config = BackoffConfig.builder()
            .base(Duration.ofMillis(500)).cap(Duration.ofSeconds(8)).maxServerHint(Duration.ofSeconds(60)).build();

    @Test
    void ceilingDoublesPerAttemptUntilCap() {
        Backoff backoff = new Backoff(config, new FixedFraction(0));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void hugeAttemptNumbersDoNotOverflow() {
        Backoff backoff = new Backoff(config, new FixedFraction(0.999999));
        assertThat(backoff.ceiling(62)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(1000, null)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
    }

    @Test
    void fullJitterSpansZeroToCeiling() {
        assertThat(new Backoff(config, new FixedFraction(0)).delay(2, null)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(config, new FixedFraction(0.5)).delay(2, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new Backoff(config, new FixedFraction(1)).delay(2, null)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void seededRandomStaysInsideBoundsAndAveragesHalfTheCeiling() {
        Backoff backoff = new Backoff(config, new SplittableRandom(42));
        long sumNanos = 0;
        int samples = 20_000;
        for (int i = 0; i < samples; i++) {
            Duration d = backoff.delay(3, null);
            assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(4));
            sumNanos += d.toNanos();
        }
        double meanSeconds = sumNanos / (double) samples / 1e9;
        assertThat(meanSeconds).isBetween(1.9, 2.1);
    }

    @Test
    void positiveServerHintWinsOverBackoff() {
        Backoff backoff = new Backoff(config, new FixedFraction(0));
        assertThat(backoff.delay(0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(5, Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void serverHintIsClampedToConfiguredMax() {
        Backoff backoff = new Backoff(config, new FixedFraction(0));
        assertThat(backoff.delay(0, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void zeroOrNegativeHintFallsBackToComputedDelay() {
        Backoff backoff = new Backoff(config, new FixedFraction(0.5));
        assertThat(backoff.delay(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1, Duration.ofSeconds(-1))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsNegativeAttempt() {
        Backoff backoff = new Backoff(config, new FixedFraction(0));
        assertThatThrownBy(() -> backoff.delay(-1, null)).hasMessageContaining("-1");
    }

    @Test
    void configBuilderNamesTheBadValue() {
        assertThatThrownBy(() -> BackoffConfig.builder().base(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> BackoffConfig.builder().maxServerHint(Duration.ofSeconds(-5)))
                .hasMessageContaining("maxServerHint").hasMessageContaining("PT-5S");
        assertThatThrownBy(() -> BackoffConfig.builder().base(Duration.ofSeconds(10)).cap(Duration.ofSeconds(1)).build())
                .hasMessageContaining("cap PT1S must be >= base PT10S");
    }

    @Test
    void defaultsFollowTheSdks() {
        BackoffConfig d = BackoffConfig.defaults();
        assertThat(d.base()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.cap()).isEqualTo(Duration.ofSeconds(8));
    }
}
