package io.switchboard.engine.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of US dollars, exact to the pico-dollar (12 decimal places).
 *
 * <p>Why {@link BigDecimal} at scale 12 rather than integer micro-dollars: prices are quoted per million
 * tokens with up to four decimals (e.g. $0.075/M), so one token costs fractions of a micro-dollar
 * ($0.0000000075 for a cached gpt-4o-mini token). Rounding every call to whole micro-dollars would drift by
 * up to half a micro-dollar per call, which over millions of calls is real money and makes ledger totals
 * disagree with the sum of invoices. At scale 12 every catalog price (up to six decimals per million
 * tokens) times a whole number of tokens is exact, sums never overflow in memory, and the ledger can store
 * the same value losslessly as a 64-bit count of pico-dollars ({@link #toPicos()}).
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** Decimal places kept: pico-dollars. */
    public static final int SCALE = 12;
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Money {
        Objects.requireNonNull(amount, "amount");
        amount = amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** Parses a decimal dollar amount such as {@code "12.50"}. */
    public static Money usd(String amount) {
        try {
            return new Money(new BigDecimal(amount));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a dollar amount: '" + amount + "'", e);
        }
    }

    public static Money usd(BigDecimal amount) { return new Money(amount); }

    public static Money usd(long wholeDollars) { return new Money(BigDecimal.valueOf(wholeDollars)); }

    /** The inverse of {@link #toPicos()}. */
    public static Money ofPicos(long picos) { return new Money(BigDecimal.valueOf(picos, SCALE)); }

    /** The cost of {@code tokens} at {@code usdPerMillionTokens}. */
    public static Money forTokens(long tokens, BigDecimal usdPerMillionTokens) {
        return new Money(usdPerMillionTokens.multiply(BigDecimal.valueOf(tokens))
                .divide(MILLION, SCALE, RoundingMode.HALF_UP));
    }

    /** This amount as a whole number of pico-dollars; throws if it does not fit a {@code long} (~$9.2 million). */
    public long toPicos() { return amount.movePointRight(SCALE).longValueExact(); }

    public Money plus(Money other) { return new Money(amount.add(other.amount)); }

    public Money minus(Money other) { return new Money(amount.subtract(other.amount)); }

    public Money times(BigDecimal factor) { return new Money(amount.multiply(factor)); }

    public boolean isNegative() { return amount.signum() < 0; }

    public boolean isZero() { return amount.signum() == 0; }

    public boolean isPositive() { return amount.signum() > 0; }

    public boolean greaterThan(Money other) { return compareTo(other) > 0; }

    public boolean lessThan(Money other) { return compareTo(other) < 0; }

    public static Money min(Money a, Money b) { return a.compareTo(b) <= 0 ? a : b; }

    public static Money max(Money a, Money b) { return a.compareTo(b) >= 0 ? a : b; }

    @Override
    public int compareTo(Money o) { return amount.compareTo(o.amount); }

    /** Plain decimal without trailing zeros beyond cents, e.g. {@code 0.5} → {@code "0.50"}. */
    public String toPlainString() {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped).toPlainString();
    }

    @Override
    public String toString() { return "$" + toPlainString(); }
}
