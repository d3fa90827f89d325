package io.switchboard.simulator;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded, thread-safe, least-recently-used memo of {@link Continuation}s keyed by (model, prompt, assistant
 * prefix). Benchmarks send the same few prompts thousands of times a second; generating and tokenising the same
 * text for each was most of the simulator's CPU. Bounded both in entries and in the characters held, and prompts
 * longer than {@link #MAX_CACHED_PROMPT_CHARS} are never cached, so memory stays small whatever clients send.
 */
final class GenerationCache {
    /** Default entry bound. */
    static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Default bound on the characters held by all entries (keys and texts), about 64 MB at worst. */
    static final long DEFAULT_MAX_CHARS = 32L * 1024 * 1024;
    /** Longer prompts are rare outside benchmarks of long contexts, and a miss costs only the generation. */
    static final int MAX_CACHED_PROMPT_CHARS = 64 * 1024;

    /** What a request identifies; the generator's seed is fixed per cache, so it is not part of the key. */
    record Key(String model, String prompt, String prefix) {
        long chars() { return model.length() + prompt.length() + prefix.length(); }
    }

    /**
     * A whole continuation before any token budget: its text, its pieces and their token counts (parallel),
     * and the request's input tokens.
     */
    record Continuation(String text, List<String> pieces, int[] pieceTokens, int inputTokens, int outputTokens) {
        long chars() { return 2L * text.length() + 16L * pieces.size(); }
    }

    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<Key, Continuation> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;

    GenerationCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_CHARS);
    }

    GenerationCache(int maxEntries, long maxChars) {
        if (maxEntries < 0 || maxChars < 0) throw new IllegalArgumentException("bounds must be >= 0");
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** The cached continuation for {@code key}, computing (outside the lock) and keeping it on a miss. */
    Continuation get(Key key, Supplier<Continuation> compute) {
        boolean cacheable = key.prompt().length() + key.prefix().length() <= MAX_CACHED_PROMPT_CHARS;
        if (cacheable) {
            synchronized (this) {
                Continuation hit = entries.get(key);
                if (hit != null) return hit;
            }
        }
        // Two event loops may compute the same entry at once; both results are equal, so either may win.
        Continuation computed = compute.get();
        if (cacheable) put(key, computed);
        return computed;
    }

    synchronized int size() { return entries.size(); }

    synchronized long chars() { return chars; }

    private synchronized void put(Key key, Continuation value) {
        long weight = key.chars() + value.chars();
        if (weight > maxChars || maxEntries == 0) return;
        Continuation old = entries.put(key, value);
        chars += weight;
        if (old != null) chars -= key.chars() + old.chars();
        Iterator<Map.Entry<Key, Continuation>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
            Map.Entry<Key, Continuation> e = eldest.next();
            chars -= e.getKey().chars() + e.getValue().chars();
            eldest.remove();
        }
    }
}
