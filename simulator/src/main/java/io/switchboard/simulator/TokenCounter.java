package io.switchboard.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens the way the simulated provider bills them, with jtokkit's BPE encodings.
 * OpenAI's current families (gpt-4o*, gpt-4.1*, gpt-5*, o-series) use {@code o200k_base}; everything else uses
 * {@code cl100k_base}. Claude's tokenizer is not public, so Claude models are counted with {@code cl100k_base}:
 * an honest approximation, not Anthropic's exact numbers. Encodings are loaded once per JVM.
 */
public final class TokenCounter {

    /** A piece of text and how many tokens it is; the unit the simulator streams. */
    public record Piece(String text, int tokens) {}

    private TokenCounter() {}

    // Holder idiom: the vocabularies (several MB) load on first use, once, thread-safely.
    private static final class Loaded {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
        static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
        static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    }

    /** Tokens in {@code text} for {@code model}; special-token markers in the text count as ordinary text. */
    public static int count(String model, String text) {
        if (text == null || text.isEmpty()) return 0;
        return encodingFor(model).countTokensOrdinary(text);
    }

    /**
     * Splits {@code text} into pieces of one token each (a few tokens when a token ends inside a multi-byte
     * character, so every piece is valid text). The pieces concatenate to {@code text}.
     */
    public static List<Piece> pieces(String model, String text) {
        List<Piece> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        Encoding encoding = encodingFor(model);
        IntArrayList tokens = encoding.encodeOrdinary(text);
        IntArrayList one = new IntArrayList(1);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingTokens = 0;
        for (int i = 0; i < tokens.size(); i++) {
            one.clear();
            one.add(tokens.get(i));
            pending.writeBytes(encoding.decodeBytes(one));
            pendingTokens++;
            byte[] bytes = pending.toByteArray();
            if (endsOnCharBoundary(bytes)) {
                out.add(new Piece(new String(bytes, StandardCharsets.UTF_8), pendingTokens));
                pending.reset();
                pendingTokens = 0;
            }
        }
        if (pendingTokens > 0) {
            out.add(new Piece(new String(pending.toByteArray(), StandardCharsets.UTF_8), pendingTokens));
        }
        if (!joined(out).equals(text)) {
            // Only text that is not valid UTF-16 (a lone surrogate) lands here; keep it whole rather than mangle it.
            return List.of(new Piece(text, tokens.size()));
        }
        return out;
    }

    /** The encoding used for {@code model}; see the class comment for the rule. */
    static Encoding encodingFor(String model) {
        return usesO200k(model) ? Loaded.O200K : Loaded.CL100K;
    }

    static boolean usesO200k(String model) {
        if (model == null) return false;
        String m = model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) m = m.substring(slash + 1);
        if (m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5")) {
            return true;
        }
        return m.length() >= 2 && m.charAt(0) == 'o' && Character.isDigit(m.charAt(1));
    }

    private static boolean endsOnCharBoundary(byte[] bytes) {
        // Walk back over continuation bytes (10xxxxxx) to the lead byte and check the sequence is complete.
        int i = bytes.length - 1;
        int continuation = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) return false;
        int lead = bytes[i] & 0xFF;
        int expected = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return continuation == expected;
    }

    private static String joined(List<Piece> pieces) {
        StringBuilder sb = new StringBuilder();
        for (Piece p : pieces) sb.append(p.text());
        return sb.toString();
    }
}
