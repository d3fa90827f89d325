package io.switchboard.engine.keys;

import io.switchboard.engine.cost.Budget;
import io.switchboard.engine.cost.BudgetScope;
import io.switchboard.engine.cost.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual key as stored: its id (safe to log, unlike the secret), what it may do, and its history.
 * {@code rotatedAt} and {@code revokedAt} are null until that happens. Holds no secret material.
 */
public record VirtualKey(String id, KeySpec spec, Instant createdAt, Instant rotatedAt, Instant revokedAt) {

    public VirtualKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public String name() { return spec.name(); }

    /** The key's team, or null. */
    public String team() { return spec.team(); }

    public boolean isRevoked() { return revokedAt != null; }

    public boolean allowsModel(String model) { return spec.allowedModels().isEmpty() || spec.allowedModels().contains(model); }

    public boolean allowsRoute(String route) { return spec.allowedRoutes().isEmpty() || spec.allowedRoutes().contains(route); }

    /** The budget scopes a call made with this key is charged to: the key, and its team if any. */
    public Set<BudgetScope> scopes() {
        return team() == null ? Set.of(BudgetScope.key(id)) : Set.of(BudgetScope.key(id), BudgetScope.team(team()));
    }

    /** This key's budgets, ready for {@link io.switchboard.engine.cost.BudgetBook#define}. */
    public List<Budget> toBudgets() {
        return spec.budgets().stream().map(b -> Budget.of(BudgetScope.key(id), b.period(), b.limit())).toList();
    }

    /** The per-request cap, or null, for {@link io.switchboard.engine.cost.BudgetBook#capPerRequest}. */
    public Money maxCostPerRequest() { return spec.maxCostPerRequest(); }

    VirtualKey withRotatedAt(Instant at) { return new VirtualKey(id, spec, createdAt, at, revokedAt); }

    VirtualKey withRevokedAt(Instant at) { return new VirtualKey(id, spec, createdAt, rotatedAt, at); }
}
