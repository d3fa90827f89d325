package io.switchboard.engine.keys;

import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.Money;
import java.util.Objects;

/** At most {@code limit} US dollars per {@code period} for one virtual key. */
public record KeyBudget(BudgetPeriod period, Money limit) {
    public KeyBudget {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(limit, "limit");
        if (!limit.isPositive()) throw new IllegalArgumentException("key budget must be positive, got " + limit);
    }

    public static KeyBudget of(BudgetPeriod period, String usd) { return new KeyBudget(period, Money.usd(usd)); }
}
