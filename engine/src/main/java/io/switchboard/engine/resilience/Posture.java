package io.switchboard.engine.resilience;

/**
 * What a route should do about its error budget, from {@link ErrorBudget#posture()}. Which posture a
 * given burn rate maps to is configured ({@link ErrorBudgetConfig}); the higher threshold wins.
 */
public enum Posture {
    /** Within budget. */
    NORMAL,
    /** Burning budget: stop retrying, so retries do not add load to a failing upstream. */
    STOP_RETRIES,
    /** Burning fast: drop low-priority traffic to protect the rest. */
    SHED_LOW_PRIORITY,
    /** Burning fast: move to the tighter timeout tier / faster targets so failures free capacity sooner. */
    FASTER_TIER
}
