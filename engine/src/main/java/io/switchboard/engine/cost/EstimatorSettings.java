package io.switchboard.engine.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tunables of {@link CostEstimator}. Defaults:
 * <ul>
 *   <li>{@code privateTokenizerMargin} 1.35: Claude's tokenizer is not public; {@code cl100k_base} counts
 *       are scaled by 35% because Claude tokenizers are reported to produce roughly 10-35% more tokens than
 *       OpenAI's for the same English text and code, and an estimate that runs short lets calls overspend.
 *   <li>{@code imageTokens} 1600: about what Anthropic bills for an image at its maximum size before
 *       downscaling (~1.15 megapixels) and above gpt-4o's high-detail maximum. gpt-4o-mini bills images as
 *       many more tokens at a lower price; its cost is underestimated by this constant.
 *   <li>{@code perMessageTokens} 4 and {@code replyPrimingTokens} 3: the chat-format framing around each
 *       message and before the reply (OpenAI cookbook "How to count tokens with tiktoken").
 *   <li>{@code perToolTokens} 8: the wrapper around each tool definition, on top of its name, description
 *       and schema text.
 * </ul>
 */
public record EstimatorSettings(BigDecimal privateTokenizerMargin, int imageTokens, int perMessageTokens,
                                int replyPrimingTokens, int perToolTokens) {

    public static final EstimatorSettings DEFAULTS = builder().build();

    public EstimatorSettings {
        Objects.requireNonNull(privateTokenizerMargin, "privateTokenizerMargin");
        if (privateTokenizerMargin.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("privateTokenizerMargin must be at least 1, got " + privateTokenizerMargin);
        }
        requireNonNegative("imageTokens", imageTokens);
        requireNonNegative("perMessageTokens", perMessageTokens);
        requireNonNegative("replyPrimingTokens", replyPrimingTokens);
        requireNonNegative("perToolTokens", perToolTokens);
    }

    public static Builder builder() { return new Builder(); }

    private static int requireNonNegative(String name, int v) {
        if (v < 0) throw new IllegalArgumentException(name + " must not be negative, got " + v);
        return v;
    }

    public static final class Builder {
        private BigDecimal privateTokenizerMargin = new BigDecimal("1.35");
        private int imageTokens = 1600, perMessageTokens = 4, replyPrimingTokens = 3, perToolTokens = 8;

        public Builder privateTokenizerMargin(String v) {
            BigDecimal m = new BigDecimal(v);
            if (m.compareTo(BigDecimal.ONE) < 0) throw new IllegalArgumentException("privateTokenizerMargin must be at least 1, got " + v);
            privateTokenizerMargin = m;
            return this;
        }

        public Builder imageTokens(int v) { imageTokens = requireNonNegative("imageTokens", v); return this; }
        public Builder perMessageTokens(int v) { perMessageTokens = requireNonNegative("perMessageTokens", v); return this; }
        public Builder replyPrimingTokens(int v) { replyPrimingTokens = requireNonNegative("replyPrimingTokens", v); return this; }
        public Builder perToolTokens(int v) { perToolTokens = requireNonNegative("perToolTokens", v); return this; }

        public EstimatorSettings build() {
            return new EstimatorSettings(privateTokenizerMargin, imageTokens, perMessageTokens, replyPrimingTokens, perToolTokens);
        }
    }
}
