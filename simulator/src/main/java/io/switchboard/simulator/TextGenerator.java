package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's "model": a pure function from (model, prompt, seed) to a few sentences of English-like text.
 *
 * <p>Each (model, prompt text, seed) has one <em>canonical</em> text of roughly 20..120 tokens. A request that
 * carries an assistant prefix which is a prefix of that canonical text gets exactly the rest of it, so a prefilled
 * request behaves like a model continuing its own words. The class is thread-safe and its answers never change; a
 * first call costs one hash of the prompt, a few dozen random draws and one tokenisation of the output, and repeated
 * calls for the same (model, prompt, prefix) are served from a bounded {@link GenerationCache}.
 */
public final class TextGenerator {

    private static final String[] DETERMINERS = {"the", "a", "every", "this", "that", "each", "some", "our"};
    private static final String[] ADJECTIVES = {
        "quiet", "bright", "small", "steady", "simple", "careful", "early", "open", "clear", "gentle",
        "local", "final", "useful", "common", "quick", "patient", "modern", "humble", "narrow", "warm"};
    private static final String[] NOUNS = {
        "river", "signal", "garden", "system", "letter", "window", "answer", "road", "engine", "market",
        "city", "teacher", "report", "bridge", "model", "question", "table", "morning", "light", "record",
        "message", "village", "plan", "voice", "network", "pattern", "house", "story", "field", "team"};
    private static final String[] VERBS = {
        "follows", "finds", "carries", "shapes", "builds", "holds", "reaches", "keeps", "moves", "opens",
        "shows", "checks", "meets", "changes", "leaves", "joins", "brings", "covers", "serves", "answers"};
    private static final String[] PREPOSITIONS = {"near", "with", "across", "under", "after", "before", "beyond", "into"};
    private static final String[] CONNECTIVES = {"and", "but", "so", "while", "because"};

    private static final int MIN_TOKENS = 20;
    private static final int TOKEN_SPREAD = 101;

    private final long seed;
    private final GenerationCache cache;

    /** @param seed mixed into every generation; different seeds give different texts for the same prompt */
    public TextGenerator(long seed) {
        this(seed, new GenerationCache());
    }

    TextGenerator(long seed, GenerationCache cache) {
        this.seed = seed;
        this.cache = cache;
    }

    /**
     * Generates the reply to {@code promptText}.
     *
     * @param model           the model id; part of the identity of the text and selects the tokenizer
     * @param promptText      the prompt, normally built with {@link #promptOf(String, List)}
     * @param assistantPrefix text the assistant turn already starts with ({@code null} or empty for none)
     * @param maxTokens       output token budget counted with {@link TokenCounter}; generation stops at the last
     *                        whole piece that fits and reports {@code truncated}
     */
    public Generation generate(String model, String promptText, String assistantPrefix, int maxTokens) {
        String prompt = promptText == null ? "" : promptText;
        String prefix = assistantPrefix == null ? "" : assistantPrefix;
        GenerationCache.Key key = new GenerationCache.Key(model == null ? "" : model, prompt, prefix);
        return truncate(cache.get(key, () -> continuation(model, prompt, prefix)), maxTokens);
    }

    private GenerationCache.Continuation continuation(String model, String prompt, String prefix) {
        String canonical = canonicalText(model, prompt);
        String continuation;
        if (canonical.startsWith(prefix)) {
            continuation = canonical.substring(prefix.length());
        } else {
            // A prefix the model would not have written: answer as if it were part of the prompt, separated from
            // the prefix by a space so the words do not run together.
            String fresh = canonicalText(model, prompt + prefix);
            continuation = prefix.isEmpty() || Character.isWhitespace(prefix.charAt(prefix.length() - 1))
                ? fresh : " " + fresh;
        }
        int inputTokens = TokenCounter.count(model, prompt) + TokenCounter.count(model, prefix);
        List<TokenCounter.Piece> all = TokenCounter.pieces(model, continuation);
        List<String> texts = new ArrayList<>(all.size());
        int[] tokens = new int[all.size()];
        int total = 0;
        for (int i = 0; i < tokens.length; i++) {
            texts.add(all.get(i).text());
            tokens[i] = all.get(i).tokens();
            total += tokens[i];
        }
        return new GenerationCache.Continuation(continuation, List.copyOf(texts), tokens, inputTokens, total);
    }

    /**
     * Builds the prompt text both wire formats feed to {@link #generate}: the system text followed by each
     * message's text in order (tool calls and tool results rendered as text), blank-line separated, skipping
     * null or empty parts. A trailing assistant prefill is not part of the prompt; pass it as the prefix.
     */
    public static String promptOf(String system, List<String> messageTexts) {
        StringBuilder sb = new StringBuilder();
        if (system != null && !system.isEmpty()) sb.append(system);
        for (String text : messageTexts) {
            if (text == null || text.isEmpty()) continue;
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append(text);
        }
        return sb.toString();
    }

    /** The full canonical answer to a prompt, before any prefix or budget applies. */
    String canonicalText(String model, String prompt) {
        long h = mix(mix(mix(seed) ^ hash(model == null ? "" : model)) ^ hash(prompt));
        SplittableRandom random = new SplittableRandom(h);
        int targetWords = MIN_TOKENS + (int) Long.remainderUnsigned(h >>> 7, TOKEN_SPREAD);
        StringBuilder text = new StringBuilder();
        int words = 0;
        while (words < targetWords) {
            if (!text.isEmpty()) text.append(' ');
            words += appendSentence(text, random);
        }
        return text.toString();
    }

    /** Appends one sentence and returns roughly how many tokens it holds (words plus punctuation). */
    private static int appendSentence(StringBuilder out, SplittableRandom random) {
        List<String> words = new ArrayList<>();
        addClause(words, random);
        int punctuation = 1;
        if (random.nextInt(3) == 0) {
            words.set(words.size() - 1, words.getLast() + ",");
            punctuation++;
            words.add(pick(CONNECTIVES, random));
            addClause(words, random);
        }
        String first = words.getFirst();
        words.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
        out.append(String.join(" ", words)).append('.');
        return words.size() + punctuation;
    }

    private static void addClause(List<String> words, SplittableRandom random) {
        addNounPhrase(words, random);
        words.add(pick(VERBS, random));
        addNounPhrase(words, random);
        if (random.nextBoolean()) {
            words.add(pick(PREPOSITIONS, random));
            addNounPhrase(words, random);
        }
    }

    private static void addNounPhrase(List<String> words, SplittableRandom random) {
        words.add(pick(DETERMINERS, random));
        if (random.nextInt(3) > 0) words.add(pick(ADJECTIVES, random));
        words.add(pick(NOUNS, random));
    }

    private static String pick(String[] options, SplittableRandom random) {
        return options[random.nextInt(options.length)];
    }

    /** Keeps the whole pieces that fit in {@code maxTokens}; the common case (all fit) shares the cached lists. */
    private static Generation truncate(GenerationCache.Continuation c, int maxTokens) {
        if (c.outputTokens() <= maxTokens) {
            return new Generation(c.text(), c.pieces(), c.inputTokens(), c.outputTokens(), false);
        }
        int used = 0;
        int kept = 0;
        while (kept < c.pieceTokens().length && used + c.pieceTokens()[kept] <= maxTokens) {
            used += c.pieceTokens()[kept++];
        }
        List<String> pieces = c.pieces().subList(0, kept);
        return new Generation(String.join("", pieces), pieces, c.inputTokens(), used, true);
    }

    // FNV-1a over UTF-16 units: fast on long prompts and stable across JVMs (unlike String.hashCode mixing).
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    // SplitMix64 finaliser: spreads the combined hash over all bits before it seeds the generator.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
