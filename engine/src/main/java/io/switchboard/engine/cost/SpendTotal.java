package io.switchboard.engine.cost;

/**
 * Aggregated spend for one group of a ledger query: a key id, a model, or a local date ({@code 2026-03-08}).
 * {@code group} is null for calls that had no value for the grouped column (e.g. no virtual key).
 */
public record SpendTotal(String group, long calls, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
                         long outputTokens, long reasoningTokens, Money cost) {}
