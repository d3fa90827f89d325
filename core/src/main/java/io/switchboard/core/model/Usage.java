package io.switchboard.core.model;

/**
 * Token usage in OpenAI's accounting: {@code inputTokens} is the whole prompt, cached part included.
 * Anthropic's {@code input_tokens} counts only the uncached part, so its codec adds
 * {@code cache_creation_input_tokens} and {@code cache_read_input_tokens} to get {@code inputTokens},
 * and reports them as {@code cacheWriteTokens} and {@code cachedInputTokens}.
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public static Usage of(long inputTokens, long outputTokens) { return new Usage(inputTokens, outputTokens, 0, 0, 0); }

    public long totalTokens() { return inputTokens + outputTokens; }

    /** Input tokens billed at the full input price. */
    public long uncachedInputTokens() { return Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens); }
}
