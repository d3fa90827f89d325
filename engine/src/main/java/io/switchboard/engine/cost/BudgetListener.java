package io.switchboard.engine.cost;

/**
 * Receives {@link BudgetEvent}s. Called on the thread that settled the call, after the book's lock is
 * released, so it may call back into the book; it should return quickly.
 */
@FunctionalInterface
public interface BudgetListener {

    BudgetListener NONE = event -> {};

    void onEvent(BudgetEvent event);
}
