package io.switchboard.simulator;

/**
 * A per-model rate limit, as providers apply them: each model matched by the glob gets its own one-minute
 * window. A limit of 0 means that dimension is not limited.
 *
 * @param provider          the provider it applies to; null = both
 * @param model             model glob
 * @param requestsPerMinute requests allowed per window
 * @param tokensPerMinute   tokens allowed per window (input estimate + requested max output tokens)
 */
public record RateLimitRule(Provider provider, Glob model, long requestsPerMinute, long tokensPerMinute) {
    public RateLimitRule {
        if (model == null) model = Glob.of("*");
        if (requestsPerMinute < 0 || tokensPerMinute < 0) throw new IllegalArgumentException("rate limits must be >= 0");
    }

    boolean selects(Provider requestProvider, String modelName) {
        return (provider == null || provider == requestProvider) && model.matches(modelName);
    }
}
