package io.switchboard.engine.stream;

import io.switchboard.engine.cost.TokenCounter;

/**
 * Counts the tokens of a continuation's prefix, to lower the continuation's output budget by what the first
 * attempt already spent. OpenAI's current families use {@code o200k_base}; everything else, Claude included
 * (whose tokenizer is not public), is counted with {@code cl100k_base}, which is an estimate.
 */
final class PrefixTokens {
    private PrefixTokens() {}

    /**
     * Loads the vocabularies (about a second) on a virtual thread at start-up, so the first recovery does not
     * load them on an event loop.
     */
    static void warmUpInBackground() {
        Thread.ofVirtual().name("prefix-tokens-warm-up").start(TokenCounter::warmUp);
    }

    static long count(String model, String text) { return TokenCounter.countOrdinary(model, text); }
}
