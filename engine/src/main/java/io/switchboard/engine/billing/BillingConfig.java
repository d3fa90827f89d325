package io.switchboard.engine.billing;

import io.switchboard.engine.cost.Budget;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Money;
import io.switchboard.engine.cost.ModelPrice;
import io.switchboard.engine.cost.UnknownModelPolicy;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code budgets:} and {@code pricing:} sections of the config: budgets that are not tied to a virtual
 * key (global, per team, per route), per-request caps, the time zone budget periods follow, what to do when
 * a call does not fit, and price overrides on top of the bundled catalog. See {@code docs/cost.md}.
 *
 * @param budgets          global, team and route budgets (key budgets live with the keys)
 * @param perRequestCaps   the most one call charged to a scope may cost
 * @param priceOverrides   model id (or alias) to price, replacing or adding to the bundled catalog
 * @param unknownModel     refuse models without a price, or charge a default price; never free
 * @param zone             the wall clock day and month budgets reset by
 * @param overBudget       refuse, clamp {@code max_tokens}, or downgrade
 * @param downgradeTo      the model or route alias for {@link OverBudgetAction#DOWNGRADE}; null otherwise
 * @param softLimitFraction where the soft-limit warning starts, e.g. 0.8 of each budget
 */
public record BillingConfig(List<Budget> budgets, Map<BudgetScope, Money> perRequestCaps,
                            Map<String, ModelPrice> priceOverrides, UnknownModelPolicy unknownModel, ZoneId zone,
                            OverBudgetAction overBudget, String downgradeTo, BigDecimal softLimitFraction) {

    /** No budgets beyond the keys' own, bundled prices, unknown models refused, UTC, refusal. */
    public static final BillingConfig DEFAULTS = builder().build();

    public BillingConfig {
        budgets = List.copyOf(budgets);
        perRequestCaps = Map.copyOf(perRequestCaps);
        priceOverrides = Map.copyOf(priceOverrides);
        Objects.requireNonNull(unknownModel, "unknownModel");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(overBudget, "overBudget");
        Objects.requireNonNull(softLimitFraction, "softLimitFraction");
        if (overBudget == OverBudgetAction.DOWNGRADE && (downgradeTo == null || downgradeTo.isBlank())) {
            throw new IllegalArgumentException("over_budget: downgrade needs downgrade_to (a cheaper model or route)");
        }
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder().unknownModel(unknownModel).zone(zone).overBudget(overBudget, downgradeTo)
                .softLimitFraction(softLimitFraction);
        budgets.forEach(b::budget);
        perRequestCaps.forEach(b::perRequestCap);
        priceOverrides.forEach(b::price);
        return b;
    }

    public static final class Builder {
        private final List<Budget> budgets = new ArrayList<>();
        private final Map<BudgetScope, Money> caps = new LinkedHashMap<>();
        private final Map<String, ModelPrice> prices = new LinkedHashMap<>();
        private UnknownModelPolicy unknownModel = UnknownModelPolicy.refuse();
        private ZoneId zone = ZoneOffset.UTC;
        private OverBudgetAction overBudget = OverBudgetAction.REFUSE;
        private String downgradeTo;
        private BigDecimal softLimitFraction = Budget.DEFAULT_SOFT_LIMIT_FRACTION;

        public Builder budget(Budget v) { budgets.add(Objects.requireNonNull(v)); return this; }
        public Builder perRequestCap(BudgetScope scope, Money cap) { caps.put(scope, cap); return this; }
        public Builder price(String model, ModelPrice price) { prices.put(model, price); return this; }
        public Builder unknownModel(UnknownModelPolicy v) { unknownModel = v; return this; }
        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder overBudget(OverBudgetAction action, String downgradeModel) {
            overBudget = action;
            downgradeTo = downgradeModel;
            return this;
        }
        public Builder softLimitFraction(BigDecimal v) { softLimitFraction = v; return this; }

        public BillingConfig build() {
            return new BillingConfig(budgets, caps, prices, unknownModel, zone, overBudget, downgradeTo, softLimitFraction);
        }
    }
}
