package io.switchboard.engine.cost;

/** Something a {@link BudgetBook} wants operators to know, published to its {@link BudgetListener}. */
public sealed interface BudgetEvent {

    Budget budget();

    /** Settled spend in the current window reached the budget's soft limit. Published once per window. */
    record SoftLimitCrossed(Budget budget, BudgetWindow window, Money spent) implements BudgetEvent {}

    /** Settled spend in the current window reached the hard limit. Published once per window. */
    record LimitReached(Budget budget, BudgetWindow window, Money spent) implements BudgetEvent {}
}
