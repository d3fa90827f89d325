package io.switchboard.engine.cost;

import java.util.Objects;

/**
 * Who a budget belongs to: a virtual key, a team, a route, or everything ({@link Kind#GLOBAL}).
 * Its string form ({@code key:vk_123}, {@code global}) appears in refusals and events; it holds ids only,
 * never secrets.
 */
public record BudgetScope(Kind kind, String id) implements Comparable<BudgetScope> {

    public enum Kind { GLOBAL, KEY, TEAM, ROUTE }

    private static final BudgetScope GLOBAL = new BudgetScope(Kind.GLOBAL, "*");

    public BudgetScope {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.GLOBAL) {
            id = "*";
        } else if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " scope needs an id");
        }
    }

    public static BudgetScope global() { return GLOBAL; }

    public static BudgetScope key(String keyId) { return new BudgetScope(Kind.KEY, keyId); }

    public static BudgetScope team(String team) { return new BudgetScope(Kind.TEAM, team); }

    public static BudgetScope route(String route) { return new BudgetScope(Kind.ROUTE, route); }

    @Override
    public int compareTo(BudgetScope o) {
        int byKind = kind.compareTo(o.kind);
        return byKind != 0 ? byKind : id.compareTo(o.id);
    }

    @Override
    public String toString() { return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase() + ":" + id; }
}
