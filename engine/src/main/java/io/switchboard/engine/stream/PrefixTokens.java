package io.switchboard.engine.stream;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;

/**
 * Counts the tokens of a continuation's prefix, to lower the continuation's output budget by what the first
 * attempt already spent. OpenAI's current families use {@code o200k_base}; everything else, Claude included
 * (whose tokenizer is not public), is counted with {@code cl100k_base}, which is an estimate.
 */
final class PrefixTokens {
    private PrefixTokens() {}

    // Holder idiom: a vocabulary takes a moment to load; only streams that are recovered need one.
    private static final class Loaded {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    }

    /**
     * Loads the vocabularies (about a second) on a virtual thread at start-up, so the first recovery does not
     * load them on an event loop.
     */
    static void warmUpInBackground() {
        Thread.ofVirtual().name("prefix-tokens-warm-up").start(() -> {
            Loaded.REGISTRY.getEncoding(EncodingType.O200K_BASE).countTokensOrdinary("warm up");
            Loaded.REGISTRY.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary("warm up");
        });
    }

    static long count(String model, String text) {
        if (text == null || text.isEmpty()) return 0;
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("chatgpt-4o")
                || m.matches("^o\\d.*");
        Encoding encoding = Loaded.REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
        return encoding.countTokensOrdinary(text);
    }
}
