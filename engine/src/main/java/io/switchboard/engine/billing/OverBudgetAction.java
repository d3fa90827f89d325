package io.switchboard.engine.billing;

/**
 * What the budget policy does with a call whose worst case does not fit what its budgets have left.
 * Whatever the action, nothing is ever sent upstream without a reservation that covers its worst case.
 */
public enum OverBudgetAction {
    /** Refuse up front: 429 {@code insufficient_quota} (OpenAI paths) or 429 {@code rate_limit_error} (Anthropic). */
    REFUSE,
    /** Lower {@code max_tokens} to what the budgets can still pay; refuse when not even the prompt fits. */
    CLAMP_MAX_TOKENS,
    /** Send the call to the configured cheaper model or route ({@code downgrade_to}); refuse if that does not fit either. */
    DOWNGRADE
}
