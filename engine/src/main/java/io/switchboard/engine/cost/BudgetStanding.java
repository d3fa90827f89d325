package io.switchboard.engine.cost;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a caller's budgets stand after a call: {@code headroom}, the most one more call could cost (empty when
 * nothing limits it), and a snapshot of each budget whose settled spend has reached its soft limit, in scope order.
 */
public record BudgetStanding(Optional<Money> headroom, List<BudgetStatus> pastSoftLimit) {
    public BudgetStanding {
        Objects.requireNonNull(headroom, "headroom");
        pastSoftLimit = List.copyOf(pastSoftLimit);
    }
}
