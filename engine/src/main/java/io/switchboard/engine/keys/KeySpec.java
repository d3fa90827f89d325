package io.switchboard.engine.keys;

import io.switchboard.engine.cost.BudgetPeriod;
import io.switchboard.engine.cost.Money;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a new virtual key may do. Empty {@code allowedModels} / {@code allowedRoutes} mean any;
 * {@code maxCostPerRequest} is null for no per-request cap. At most one budget per period.
 */
public record KeySpec(String name, String team, List<KeyBudget> budgets, Money maxCostPerRequest,
                      Set<String> allowedModels, Set<String> allowedRoutes, RateLimits rateLimits) {

    public KeySpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("key name is required");
        if (name.length() > 200) throw new IllegalArgumentException("key name is longer than 200 characters");
        if (team != null && team.isBlank()) team = null;
        budgets = List.copyOf(budgets == null ? List.of() : budgets);
        Set<BudgetPeriod> periods = EnumSet.noneOf(BudgetPeriod.class);
        for (KeyBudget b : budgets) {
            if (!periods.add(b.period())) throw new IllegalArgumentException("two key budgets per " + b.period());
        }
        if (maxCostPerRequest != null && !maxCostPerRequest.isPositive()) {
            throw new IllegalArgumentException("maxCostPerRequest must be positive, got " + maxCostPerRequest);
        }
        allowedModels = Set.copyOf(allowedModels == null ? Set.of() : allowedModels);
        allowedRoutes = Set.copyOf(allowedRoutes == null ? Set.of() : allowedRoutes);
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    public static Builder builder(String name) { return new Builder(name); }

    public static final class Builder {
        private final String name;
        private String team;
        private final List<KeyBudget> budgets = new ArrayList<>();
        private Money maxCostPerRequest;
        private Set<String> allowedModels = Set.of(), allowedRoutes = Set.of();
        private RateLimits rateLimits = RateLimits.NONE;

        private Builder(String name) { this.name = name; }

        public Builder team(String v) { team = v; return this; }
        public Builder budget(KeyBudget v) { budgets.add(Objects.requireNonNull(v, "budget")); return this; }
        public Builder budget(BudgetPeriod period, String usd) { return budget(KeyBudget.of(period, usd)); }
        public Builder maxCostPerRequest(Money v) { maxCostPerRequest = v; return this; }
        public Builder allowedModels(Set<String> v) { allowedModels = v; return this; }
        public Builder allowedRoutes(Set<String> v) { allowedRoutes = v; return this; }
        public Builder rateLimits(RateLimits v) { rateLimits = v; return this; }

        public KeySpec build() {
            return new KeySpec(name, team, budgets, maxCostPerRequest, allowedModels, allowedRoutes, rateLimits);
        }
    }
}
