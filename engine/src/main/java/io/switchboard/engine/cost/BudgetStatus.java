package io.switchboard.engine.cost;

/**
 * A snapshot of one budget: settled {@code spent} in the current {@code window}, {@code held} by open
 * reservations, and {@code remaining} = limit − spent − held, never below zero.
 */
public record BudgetStatus(Budget budget, BudgetWindow window, Money spent, Money held, Money remaining) {}
