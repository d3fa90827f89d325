package io.switchboard.engine.cost;

import io.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The price list of one model, in USD per million tokens, plus the output limit the estimator needs.
 *
 * <p>{@code cacheWrite5m} is the price of writing the prompt cache with the default (5-minute) lifetime;
 * OpenAI charges nothing extra for cache writes, so for its models it equals {@code input}.
 * {@code cacheWrite1h} is Anthropic's 1-hour cache write, or null where the model has none.
 * {@code batchMultiplier} scales every line for batch jobs (0.5 at both providers).
 */
public record ModelPrice(
        BigDecimal input,
        BigDecimal cachedInput,
        BigDecimal cacheWrite5m,
        BigDecimal cacheWrite1h,
        BigDecimal output,
        BigDecimal batchMultiplier,
        int maxOutputTokens,
        int contextWindow) {

    public ModelPrice {
        requireNonNegative("input", input);
        requireNonNegative("cachedInput", cachedInput);
        requireNonNegative("cacheWrite5m", cacheWrite5m);
        if (cacheWrite1h != null) requireNonNegative("cacheWrite1h", cacheWrite1h);
        requireNonNegative("output", output);
        requireNonNegative("batchMultiplier", batchMultiplier);
        if (batchMultiplier.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("batchMultiplier must be at most 1, got " + batchMultiplier);
        }
        if (maxOutputTokens <= 0) throw new IllegalArgumentException("maxOutputTokens must be positive, got " + maxOutputTokens);
        if (contextWindow < 0) throw new IllegalArgumentException("contextWindow must not be negative, got " + contextWindow);
    }

    public static Builder builder() { return new Builder(); }

    /**
     * What {@code usage} costs at these prices. Follows {@link Usage}'s accounting: cached and cache-write
     * tokens are part of {@code inputTokens} and are billed at their own rates instead of the input rate.
     * Reasoning tokens are not added: both providers already count them inside {@code outputTokens}.
     * Usage does not say which cache lifetime was written, so cache writes are billed at the 5-minute rate.
     */
    public Cost cost(String model, Usage usage, boolean batch) {
        Objects.requireNonNull(usage, "usage");
        BigDecimal factor = batch ? batchMultiplier : BigDecimal.ONE;
        return new Cost(model,
                Money.forTokens(usage.uncachedInputTokens(), input).times(factor),
                Money.forTokens(usage.cachedInputTokens(), cachedInput).times(factor),
                Money.forTokens(usage.cacheWriteTokens(), cacheWrite5m).times(factor),
                Money.forTokens(usage.outputTokens(), output).times(factor),
                batch);
    }

    /** The most expensive way to bill one input token: a cache write when caching may happen, else plain input. */
    public BigDecimal highestInputPrice(boolean mayWriteCache) {
        if (!mayWriteCache) return input;
        BigDecimal highest = input.max(cacheWrite5m);
        return cacheWrite1h == null ? highest : highest.max(cacheWrite1h);
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }

    /** Builder whose defaults follow OpenAI's shape: cache writes at the input price, batch at half price. */
    public static final class Builder {
        private BigDecimal input, cachedInput, cacheWrite5m, cacheWrite1h, output;
        private BigDecimal batchMultiplier = new BigDecimal("0.5");
        private int maxOutputTokens = -1;
        private int contextWindow;

        public Builder input(String usdPerMTok) { input = decimal("input", usdPerMTok); return this; }
        public Builder cachedInput(String usdPerMTok) { cachedInput = decimal("cachedInput", usdPerMTok); return this; }
        public Builder cacheWrite5m(String usdPerMTok) { cacheWrite5m = decimal("cacheWrite5m", usdPerMTok); return this; }
        public Builder cacheWrite1h(String usdPerMTok) { cacheWrite1h = decimal("cacheWrite1h", usdPerMTok); return this; }
        public Builder output(String usdPerMTok) { output = decimal("output", usdPerMTok); return this; }
        public Builder batchMultiplier(String factor) { batchMultiplier = decimal("batchMultiplier", factor); return this; }

        public Builder input(BigDecimal v) { input = check("input", v); return this; }
        public Builder cachedInput(BigDecimal v) { cachedInput = check("cachedInput", v); return this; }
        public Builder cacheWrite5m(BigDecimal v) { cacheWrite5m = check("cacheWrite5m", v); return this; }
        public Builder cacheWrite1h(BigDecimal v) { cacheWrite1h = v == null ? null : check("cacheWrite1h", v); return this; }
        public Builder output(BigDecimal v) { output = check("output", v); return this; }
        public Builder batchMultiplier(BigDecimal v) { batchMultiplier = check("batchMultiplier", v); return this; }

        public Builder maxOutputTokens(int v) {
            if (v <= 0) throw new IllegalArgumentException("maxOutputTokens must be positive, got " + v);
            maxOutputTokens = v;
            return this;
        }

        public Builder contextWindow(int v) {
            if (v < 0) throw new IllegalArgumentException("contextWindow must not be negative, got " + v);
            contextWindow = v;
            return this;
        }

        /** Unset cached-input and cache-write prices default to the input price (no discount, no surcharge). */
        public ModelPrice build() {
            if (input == null) throw new IllegalStateException("input price is required");
            if (output == null) throw new IllegalStateException("output price is required");
            if (maxOutputTokens < 0) throw new IllegalStateException("maxOutputTokens is required");
            return new ModelPrice(input, cachedInput == null ? input : cachedInput,
                    cacheWrite5m == null ? input : cacheWrite5m, cacheWrite1h, output, batchMultiplier,
                    maxOutputTokens, contextWindow);
        }

        private static BigDecimal decimal(String name, String text) {
            try {
                return check(name, new BigDecimal(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a decimal number: '" + text + "'", e);
            }
        }

        private static BigDecimal check(String name, BigDecimal v) {
            if (v.signum() < 0) throw new IllegalArgumentException(name + " must not be negative, got " + v);
            return v;
        }
    }
}
