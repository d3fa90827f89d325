package io.switchboard.engine.cost;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The running state of one {@link Budget}. Mutable and unsynchronised: every access happens under the
 * owning {@link BudgetBook}'s lock.
 */
final class BudgetAccount {
    private Budget budget;
    private Money softLimit; // the budget's, worked out once: every answer's cost headers compare against it
    private BudgetWindow window;
    private Money spent = Money.ZERO;
    private Money held = Money.ZERO;
    private boolean softLimitAnnounced;
    private boolean limitAnnounced;

    BudgetAccount(Budget budget, Instant now, ZoneId zone) {
        this.budget = budget;
        this.softLimit = budget.softLimit();
        this.window = budget.period().windowAt(now, zone);
    }

    Budget budget() { return budget; }

    BudgetWindow window() { return window; }

    /** Swaps in a new limit for the same scope and period, keeping what was spent and held. */
    void redefine(Budget newBudget) {
        budget = newBudget;
        softLimit = newBudget.softLimit();
        markAnnouncedSilently();
    }

    /**
     * Starts a new window once {@code now} is past the current one. An instant before the window (a clock
     * stepped back) keeps the current window rather than wiping its spend.
     */
    void roll(Instant now, ZoneId zone) {
        if (now.isBefore(window.end())) return;
        window = budget.period().windowAt(now, zone);
        spent = Money.ZERO;
        softLimitAnnounced = false;
        limitAnnounced = false;
    }

    Money remaining() { return Money.max(Money.ZERO, budget.limit().minus(spent).minus(held)); }

    void hold(Money amount) { held = held.plus(amount); }

    void unhold(Money amount) { held = held.minus(amount); }

    /** Adds settled spend and appends the threshold events it crosses for the first time this window. */
    void spend(Money actual, List<BudgetEvent> events) {
        spent = spent.plus(actual);
        if (!softLimitAnnounced && pastSoftLimit()) {
            softLimitAnnounced = true;
            events.add(new BudgetEvent.SoftLimitCrossed(budget, window, spent));
        }
        if (!limitAnnounced && !spent.lessThan(budget.limit())) {
            limitAnnounced = true;
            events.add(new BudgetEvent.LimitReached(budget, window, spent));
        }
    }

    /** Replaces settled spend with what durable history says for {@code forWindow}, if still current. */
    void restore(BudgetWindow forWindow, Money history) {
        if (!window.equals(forWindow)) return;
        spent = history;
        markAnnouncedSilently();
    }

    /** Settled spend has reached the soft limit (holds do not count: they may still be released). */
    boolean pastSoftLimit() { return !spent.lessThan(softLimit); }

    BudgetStatus status() { return new BudgetStatus(budget, window, spent, held, remaining()); }

    // Thresholds already behind us are not re-announced (after a restart or a limit change).
    private void markAnnouncedSilently() {
        softLimitAnnounced = pastSoftLimit();
        limitAnnounced = !spent.lessThan(budget.limit());
    }
}
