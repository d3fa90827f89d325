package io.switchboard.simulator.openai;

import io.switchboard.simulator.Generation;
import io.switchboard.simulator.TextGenerator;
import io.switchboard.simulator.TokenCounter;
import java.util.List;

/**
 * What the simulated model produced for one request: either text (from the {@link TextGenerator}) or one
 * function call, with token usage counted by {@link TokenCounter}.
 */
record ModelOutput(String text, List<String> pieces, ToolCall toolCall, int inputTokens, int outputTokens, boolean truncated) {

    /** A function call; {@code argumentPieces} concatenate to {@code arguments}. */
    record ToolCall(String callId, String name, String arguments, List<String> argumentPieces) {}

    static ModelOutput produce(TextGenerator generator, String model, Conversation conversation, ToolSpec tool, int maxTokens) {
        if (tool != null) {
            String arguments = ToolArguments.forSchema(tool.parameters());
            List<String> pieces = TokenCounter.pieces(model, arguments).stream().map(TokenCounter.Piece::text).toList();
            int inputTokens = TokenCounter.count(model, conversation.prompt());
            int outputTokens = TokenCounter.count(model, tool.name()) + TokenCounter.count(model, arguments);
            return new ModelOutput(null, List.of(), new ToolCall(OpenAiIds.callId(), tool.name(), arguments, pieces),
                    inputTokens, outputTokens, false);
        }
        Generation g = generator.generate(model, conversation.prompt(), "", maxTokens);
        return new ModelOutput(g.text(), g.pieces(), null, g.inputTokens(), g.outputTokens(), g.truncated());
    }

    int totalTokens() { return inputTokens + outputTokens; }
}
