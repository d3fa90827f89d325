package io.switchboard.engine.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Counts tokens with the BPE encoding a model uses, or conservatively where the encoding is not public.
 *
 * <p>OpenAI's gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and o-series models use {@code o200k_base}; gpt-4 and
 * gpt-3.5 use {@code cl100k_base} (tiktoken's model table). Anthropic has not published Claude's tokenizer,
 * and it yields more tokens than {@code cl100k_base} for the same text, so for Claude and any other model
 * this counts with {@code cl100k_base} and multiplies by a safety margin (see {@link EstimatorSettings}).
 * Thread-safe; each encoding loads once per JVM, on first use.
 */
public final class TokenCounter {
    /** Shared: loading an encoding's vocabulary takes about a second, and encodings are immutable. */
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private final BigDecimal privateTokenizerMargin;

    TokenCounter(BigDecimal privateTokenizerMargin) { this.privateTokenizerMargin = privateTokenizerMargin; }

    /** The tokenizer to count {@code model}'s text with. */
    ModelTokens forModel(String model) {
        String name = bareName(model);
        if (usesO200k(name)) return new ModelTokens(REGISTRY.getEncoding(EncodingType.O200K_BASE), BigDecimal.ONE);
        if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5")) {
            return new ModelTokens(REGISTRY.getEncoding(EncodingType.CL100K_BASE), BigDecimal.ONE);
        }
        return new ModelTokens(REGISTRY.getEncoding(EncodingType.CL100K_BASE), privateTokenizerMargin);
    }

    /**
     * Tokens in {@code text} for {@code model}, without any margin: what the stream journal uses to measure a
     * continuation's prefix. Same tokenizer choice as {@link #forModel}.
     */
    public static long countOrdinary(String model, String text) {
        if (text == null || text.isEmpty()) return 0;
        EncodingType type = usesO200k(bareName(model)) ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE;
        return REGISTRY.getEncoding(type).countTokensOrdinary(text);
    }

    /** Loads both vocabularies (about a second), e.g. on a virtual thread at start-up, so no event loop waits for it. */
    public static void warmUp() {
        REGISTRY.getEncoding(EncodingType.O200K_BASE).countTokensOrdinary("warm up");
        REGISTRY.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary("warm up");
    }

    static boolean usesO200k(String bareName) {
        return bareName.startsWith("gpt-4o") || bareName.startsWith("chatgpt-4o") || bareName.startsWith("gpt-4.1")
                || bareName.startsWith("gpt-4.5") || bareName.startsWith("gpt-5") || bareName.startsWith("gpt-oss")
                || isOSeries(bareName);
    }

    /** o1, o3, o4-mini...: "o" then a digit. */
    private static boolean isOSeries(String bareName) {
        return bareName.length() > 1 && bareName.charAt(0) == 'o' && bareName.charAt(1) >= '0' && bareName.charAt(1) <= '9';
    }

    private static String bareName(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        return m.substring(m.lastIndexOf('/') + 1);
    }

    /** One model's encoding plus the margin its counts are scaled by. */
    record ModelTokens(Encoding encoding, BigDecimal margin) {

        /** Tokens in {@code text}; special-token strings count as ordinary text, as the API treats them. */
        int count(String text) { return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text); }

        /** {@code tokens} scaled by the margin, rounded up. */
        long withMargin(long tokens) {
            if (margin.compareTo(BigDecimal.ONE) == 0) return tokens;
            return margin.multiply(BigDecimal.valueOf(tokens)).setScale(0, RoundingMode.CEILING).longValueExact();
        }
    }
}
