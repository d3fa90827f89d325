package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void tokenCostsAreExactBelowAMicroDollar() {
        // one cached gpt-4o-mini token: $0.075 per million = $0.000000075
        Money one = Money.forTokens(1, new BigDecimal("0.075"));
        assertThat(one).isEqualTo(Money.usd("0.000000075"));
        Money sum = Money.ZERO;
        for (int i = 0; i < 1_000_000; i++) sum = sum.plus(one);
        assertThat(sum).isEqualTo(Money.usd("0.075"));
    }

    @Test
    void equalAmountsAreEqualWhateverTheirWrittenScale() {
        assertThat(Money.usd("1.5")).isEqualTo(Money.usd("1.500000")).hasSameHashCodeAs(Money.usd("1.50"));
    }

    @Test
    void picosRoundTripExactly() {
        Money m = Money.usd("1234.567890123456");
        assertThat(m.toPicos()).isEqualTo(1_234_567_890_123_456L);
        assertThat(Money.ofPicos(m.toPicos())).isEqualTo(m);
    }

    @Test
    void amountsBeyondALongOfPicosRefuseToConvert() {
        assertThatThrownBy(() -> Money.usd("10000000").toPicos()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void arithmeticAndComparisons() {
        Money a = Money.usd("2.50"), b = Money.usd("0.75");
        assertThat(a.minus(b)).isEqualTo(Money.usd("1.75"));
        assertThat(b.minus(a).isNegative()).isTrue();
        assertThat(a.greaterThan(b)).isTrue();
        assertThat(Money.min(a, b)).isEqualTo(b);
        assertThat(Money.max(a, b)).isEqualTo(a);
        assertThat(a.times(new BigDecimal("0.5"))).isEqualTo(Money.usd("1.25"));
    }

    @Test
    void printsAsDollarsWithoutNoise() {
        assertThat(Money.usd("0.5")).hasToString("$0.50");
        assertThat(Money.usd("0.000000075")).hasToString("$0.000000075");
        assertThat(Money.usd(12)).hasToString("$12.00");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Money.usd("ten")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ten");
    }
}
