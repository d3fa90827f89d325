package io.switchboard.engine.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A spending limit: at most {@code limit} per {@code period} for {@code scope}. Crossing
 * {@code softLimitFraction} of the limit publishes a warning event; the limit itself is hard.
 * A scope may have one budget per period (e.g. $10 a day and $200 a month).
 */
public record Budget(BudgetScope scope, BudgetPeriod period, Money limit, BigDecimal softLimitFraction) {

    /** Warn at 80% unless configured otherwise. */
    public static final BigDecimal DEFAULT_SOFT_LIMIT_FRACTION = new BigDecimal("0.8");

    public Budget {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(softLimitFraction, "softLimitFraction");
        if (!limit.isPositive()) throw new IllegalArgumentException("budget limit must be positive, got " + limit);
        checkFraction(softLimitFraction);
    }

    public static Budget of(BudgetScope scope, BudgetPeriod period, Money limit) {
        return new Budget(scope, period, limit, DEFAULT_SOFT_LIMIT_FRACTION);
    }

    public static Builder builder() { return new Builder(); }

    /** The spend at which the soft-limit warning fires. */
    public Money softLimit() { return limit.times(softLimitFraction); }

    private static BigDecimal checkFraction(BigDecimal f) {
        if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("softLimitFraction must be in (0, 1], got " + f);
        }
        return f;
    }

    public static final class Builder {
        private BudgetScope scope;
        private BudgetPeriod period;
        private Money limit;
        private BigDecimal softLimitFraction = DEFAULT_SOFT_LIMIT_FRACTION;

        public Builder scope(BudgetScope v) { scope = Objects.requireNonNull(v, "scope"); return this; }

        public Builder period(BudgetPeriod v) { period = Objects.requireNonNull(v, "period"); return this; }

        public Builder limit(Money v) {
            if (!Objects.requireNonNull(v, "limit").isPositive()) {
                throw new IllegalArgumentException("budget limit must be positive, got " + v);
            }
            limit = v;
            return this;
        }

        public Builder limitUsd(String usd) { return limit(Money.usd(usd)); }

        public Builder softLimitFraction(String v) { return softLimitFraction(new BigDecimal(v)); }

        public Builder softLimitFraction(BigDecimal v) { softLimitFraction = checkFraction(v); return this; }

        public Budget build() {
            if (scope == null) throw new IllegalStateException("budget scope is required");
            if (period == null) throw new IllegalStateException("budget period is required");
            if (limit == null) throw new IllegalStateException("budget limit is required");
            return new Budget(scope, period, limit, softLimitFraction);
        }
    }
}
