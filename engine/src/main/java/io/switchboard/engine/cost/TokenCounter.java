package io.switchboard.engine.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Counts tokens with the BPE encoding a model uses, or conservatively where the encoding is not public.
 *
 * <p>OpenAI's gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and o-series models use {@code o200k_base}; gpt-4 and
 * gpt-3.5 use {@code cl100k_base} (tiktoken's model table). Anthropic has not published Claude's tokenizer,
 * and it yields more tokens than {@code cl100k_base} for the same text, so for Claude and any other model
 * this counts with {@code cl100k_base} and multiplies by a safety margin (see {@link EstimatorSettings}).
 * Thread-safe; each encoding loads once per JVM, on first use.
 */
final class TokenCounter {
    private static final Pattern O_SERIES = Pattern.compile("^o\\d.*");

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

    static boolean usesO200k(String bareName) {
        return bareName.startsWith("gpt-4o") || bareName.startsWith("chatgpt-4o") || bareName.startsWith("gpt-4.1")
                || bareName.startsWith("gpt-4.5") || bareName.startsWith("gpt-5") || bareName.startsWith("gpt-oss")
                || O_SERIES.matcher(bareName).matches();
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
