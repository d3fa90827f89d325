package io.switchboard.simulator;

import java.util.List;

/**
 * One simulated completion.
 *
 * @param text         the generated text (only the continuation when the request had an assistant prefix)
 * @param pieces       {@code text} split into streamable pieces of about one token each; they concatenate to it
 * @param inputTokens  tokens of the prompt text plus the assistant prefix
 * @param outputTokens tokens of {@code text}
 * @param truncated    true when generation stopped because it reached {@code maxTokens}
 */
public record Generation(String text, List<String> pieces, int inputTokens, int outputTokens, boolean truncated) {
    public Generation {
        pieces = List.copyOf(pieces);
    }
}
